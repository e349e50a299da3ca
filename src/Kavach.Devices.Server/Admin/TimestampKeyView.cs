namespace Kavach.Devices.Server.Admin;

/// <summary>The update timestamp key, as <c>trust.json</c> lists it (base64url DER SubjectPublicKeyInfo).</summary>
/// <param name="Key">The key text.</param>
internal sealed record TimestampKeyView(string Key);
