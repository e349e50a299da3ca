namespace Kavach.Keys.Signatures;

/// <summary>The inputs of <c>/jwtVerify</c> and <c>/jwtVerify/v2</c>.</summary>
public sealed record VerifyRequest(
    string JwtSignatureData,
    string? ActualData,
    string? ApplicationId,
    string? ReferenceId,
    string? CertificateData,
    bool ValidateTrust,
    string? Domain);
