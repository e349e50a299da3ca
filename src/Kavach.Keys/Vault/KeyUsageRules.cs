using System.Security.Cryptography.X509Certificates;

namespace Kavach.Keys.Vault;

/// <summary>
/// Which keys issue and which sign data, read from the key's own certificate: a key whose certificate is a CA or
/// carries keyCertSign or cRLSign is an issuing key. Issuing keys sign only certificates, CRLs and CSRs our code
/// builds; every other key may sign data but never issues.
/// </summary>
public static class KeyUsageRules
{
    /// <summary>True when <paramref name="certificate"/> lets its key issue certificates or CRLs.</summary>
    public static bool CanIssue(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        foreach (var extension in certificate.Extensions)
        {
            switch (extension)
            {
                case X509BasicConstraintsExtension { CertificateAuthority: true }:
                    return true;
                case X509KeyUsageExtension usage when (usage.KeyUsages & (X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign)) != 0:
                    return true;
            }
        }

        return false;
    }

    /// <summary><see cref="CanIssue(X509Certificate2)"/> over a DER certificate.</summary>
    public static bool CanIssue(ReadOnlySpan<byte> certificate)
    {
        using var parsed = X509CertificateLoader.LoadCertificate(certificate);
        return CanIssue(parsed);
    }

    /// <summary>
    /// Checks, for a vault's <see cref="IKeyVault.IssueCertificate"/>, that <paramref name="issuer"/> (the certificate
    /// stored with <paramref name="alias"/>) is a CA allowed keyCertSign and is the issuer <paramref name="certificate"/> names.
    /// </summary>
    /// <exception cref="KeyUsageException">It is not.</exception>
    public static void EnsureIssuer(string alias, X509Certificate2 issuer, CertificateToIssue certificate)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(certificate);
        var basic = issuer.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        var usage = issuer.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (basic is not { CertificateAuthority: true } || (usage is not null && (usage.KeyUsages & X509KeyUsageFlags.KeyCertSign) == 0))
        {
            throw new KeyUsageException(alias, $"The key '{alias}' is not a certificate authority and issues nothing.");
        }

        if (!issuer.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
        {
            throw new KeyUsageException(alias, $"The certificate names another issuer than the key '{alias}'.");
        }
    }

    /// <summary>
    /// Checks, for a vault's <see cref="IKeyVault.IssueCrl"/>, that <paramref name="issuer"/> (the certificate stored
    /// with <paramref name="alias"/>) is a CA allowed cRLSign and is the issuer <paramref name="crl"/> names.
    /// </summary>
    /// <exception cref="KeyUsageException">It is not.</exception>
    public static void EnsureCrlIssuer(string alias, X509Certificate2 issuer, CrlToIssue crl)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(crl);
        var basic = issuer.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        var usage = issuer.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (basic is not { CertificateAuthority: true } || (usage is not null && (usage.KeyUsages & X509KeyUsageFlags.CrlSign) == 0))
        {
            throw new KeyUsageException(alias, $"The key '{alias}' is not allowed to sign revocation lists.");
        }

        if (!issuer.SubjectName.RawData.AsSpan().SequenceEqual(crl.IssuerName.RawData))
        {
            throw new KeyUsageException(alias, $"The revocation list names another issuer than the key '{alias}'.");
        }
    }
}
