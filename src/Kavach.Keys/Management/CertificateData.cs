namespace Kavach.Keys.Management;

/// <summary>One certificate of an (appId, refId) with its alias validity and key id.</summary>
public sealed record CertificateData(string CertificatePem, DateTime IssuedAt, DateTime ExpiryAt, string? KeyId);
