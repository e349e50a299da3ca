namespace Kavach.Cli.Commands;

/// <summary>One line of <c>kavach trust list</c>: a CA certificate of the trust store and its verdict now.</summary>
public sealed record TrustRow(
    string PartnerDomain,
    string CaCertificateType,
    string CertId,
    string Subject,
    string Issuer,
    DateTime NotBefore,
    DateTime NotAfter,
    string Thumbprint,
    string Status);
