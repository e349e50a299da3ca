namespace Kavach.DeviceAgent.Keys.Tpm;

/// <summary>The protection attributes of a device key's private half, as the token reports them.</summary>
/// <param name="Extractable">CKA_EXTRACTABLE: false means the key can never be wrapped out of the token.</param>
/// <param name="Sensitive">CKA_SENSITIVE: true means its private components are never revealed.</param>
/// <param name="NeverExtractable">CKA_NEVER_EXTRACTABLE: it has never been extractable since it was made.</param>
/// <param name="Local">CKA_LOCAL: it was generated on the token, not imported.</param>
public sealed record TpmKeyAttributes(bool Extractable, bool Sensitive, bool NeverExtractable, bool Local);
