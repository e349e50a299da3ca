namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary>One stored CRL.</summary>
public sealed record TrustCrlDto(string Issuer, string IssuerCertId, string ThisUpdate, string? NextUpdate, int RevokedCount);
