namespace Kavach.Keys.Management;

/// <summary>A certificate or a CSR of a key, with its validity (MOSIP's KeyPairGenerateResponseDto).</summary>
public sealed record KeyPairResponse(string? Certificate, string? CertSignRequest, DateTime IssuedAt, DateTime ExpiryAt);
