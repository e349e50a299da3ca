using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Keys.Certificates;

/// <summary>Issues the hierarchy's certificates: profiles, random positive serials, validity clipped to the issuer.</summary>
public static class CertificateFactory
{
    /// <summary>
    /// Issues a certificate for <paramref name="subjectKey"/>. When <paramref name="issuer"/> is null the certificate is
    /// self-signed (<paramref name="signer"/> is the subject's own key). <paramref name="notAfter"/> is clipped to the
    /// issuer's notAfter: a child never outlives its issuer.
    /// </summary>
    public static X509Certificate2 Issue(
        CertificateProfile profile,
        X500DistinguishedName subject,
        PublicKey subjectKey,
        X509Certificate2? issuer,
        X509SignatureGenerator signer,
        DateTime notBefore,
        DateTime notAfter)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return Prepare(profile, subject, subjectKey, issuer, notBefore, notAfter).Create(signer);
    }

    /// <summary>
    /// Lays out the certificate <see cref="Issue"/> would make, for a vault key to sign with
    /// <see cref="Vault.IKeyVault.IssueCertificate"/>.
    /// </summary>
    public static Vault.CertificateToIssue Prepare(
        CertificateProfile profile,
        X500DistinguishedName subject,
        PublicKey subjectKey,
        X509Certificate2? issuer,
        DateTime notBefore,
        DateTime notAfter)
    {
        var validity = ClipValidity(notBefore, notAfter, issuer);
        var request = new CertificateRequest(subject, subjectKey, HashAlgorithmName.SHA256);
        AddExtensions(request, profile, subjectKey);
        if (issuer is not null)
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        }

        return new Vault.CertificateToIssue(request, issuer?.SubjectName ?? subject, validity.NotBefore, validity.NotAfter, NewSerialNumber());
    }

    /// <summary>Truncates to whole seconds (X.509 time precision) and clips notAfter to the issuer's.</summary>
    public static (DateTime NotBefore, DateTime NotAfter) ClipValidity(DateTime notBefore, DateTime notAfter, X509Certificate2? issuer)
    {
        var start = TruncateToSeconds(notBefore);
        var end = TruncateToSeconds(notAfter);
        if (issuer is not null)
        {
            var issuerEnd = issuer.NotAfter.ToUniversalTime();
            if (end > issuerEnd)
            {
                end = issuerEnd;
            }
        }

        return (start, end);
    }

    /// <summary>Drops sub-second precision, keeping <see cref="DateTimeKind.Utc"/>.</summary>
    public static DateTime TruncateToSeconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    /// <summary>A random positive 64-bit serial (MOSIP's can be negative, which RFC 5280 forbids).</summary>
    public static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(8);
        serial[0] &= 0x7F;
        serial[0] |= 0x01; // never zero, never a leading zero byte that DER would strip
        return serial;
    }

    private static void AddExtensions(CertificateRequest request, CertificateProfile profile, PublicKey subjectKey)
    {
        var (isCa, pathLength, usage) = profile switch
        {
            CertificateProfile.Root => (true, 2, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign),
            CertificateProfile.Master => (true, 1, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign),
            CertificateProfile.Encryption => (false, 0, X509KeyUsageFlags.KeyEncipherment),
            CertificateProfile.Signing => (false, 0, X509KeyUsageFlags.DigitalSignature),
            _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
        };

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, hasPathLengthConstraint: isCa, pathLength, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(subjectKey, critical: false));
    }
}
