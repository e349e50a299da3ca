namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary>One key of <c>GET /keys</c>.</summary>
/// <param name="Alias">The key alias.</param>
/// <param name="ApplicationId">Application id.</param>
/// <param name="ReferenceId">Reference id (<c>""</c> for module keys).</param>
/// <param name="Kind"><c>ROOT</c>, <c>MODULE</c>, <c>BASE</c>, <c>SIGN</c> or <c>SYMMETRIC</c>.</param>
/// <param name="State"><c>ACTIVE</c>, <c>EXPIRED</c>, <c>REVOKED</c> or <c>FUTURE</c>.</param>
/// <param name="GeneratedAt">Start of validity.</param>
/// <param name="ExpiresAt">End of validity.</param>
/// <param name="Thumbprint">SHA-256 of the certificate, upper-case hex; null for symmetric keys.</param>
/// <param name="IssuerAlias">The module key that issued a base key's certificate; null for keys held by the vault.</param>
/// <param name="CertificateSubject">The certificate's subject, when the database holds the certificate.</param>
/// <param name="CertificateSerial">The certificate's serial number (hex), when the database holds the certificate.</param>
/// <param name="InHsm">True when the private key lives in the vault (HSM or PKCS#12 file), not wrapped in the database.</param>
public sealed record KeyDto(
    string Alias,
    string ApplicationId,
    string ReferenceId,
    string Kind,
    string State,
    string GeneratedAt,
    string ExpiresAt,
    string? Thumbprint,
    string? IssuerAlias,
    string? CertificateSubject,
    string? CertificateSerial,
    bool InHsm);
