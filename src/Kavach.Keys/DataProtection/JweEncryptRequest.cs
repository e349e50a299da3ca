namespace Kavach.Keys.DataProtection;

/// <summary>The inputs of <c>/jwtEncrypt</c> (MOSIP's JWTEncryptRequestDto).</summary>
public sealed record JweEncryptRequest(
    string? ApplicationId,
    string? ReferenceId,
    string Data,
    bool? EnableDefCompression,
    bool IncludeCertificate,
    bool IncludeCertHash,
    string? JwkSetUrl,
    string? X509Certificate);
