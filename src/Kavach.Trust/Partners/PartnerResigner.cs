using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Certificates;
using Kavach.Keys.Management;
using Kavach.Keys.Vault;
using Kavach.Trust.Certificates;

namespace Kavach.Trust.Partners;

/// <summary>
/// Re-signs a partner's certificate with our PMS key, inside the vault (spec §6.3 step 6): the partner's subject
/// (C..CN) and public key, issuer = the PMS certificate, CA without path length, digitalSignature and keyCertSign
/// (plus keyEncipherment in AUTH), SKI and AKI, a random positive serial, notAfter clipped to the PMS certificate's.
/// </summary>
internal sealed class PartnerResigner
{
    private static readonly (string Oid, Action<X500DistinguishedNameBuilder, string> Add)[] SubjectOrder =
    [
        ("2.5.4.3", (b, v) => b.AddCommonName(v)),
        ("2.5.4.11", (b, v) => b.AddOrganizationalUnitName(v)),
        ("2.5.4.10", (b, v) => b.AddOrganizationName(v)),
        ("2.5.4.7", (b, v) => b.AddLocalityName(v)),
        ("2.5.4.8", (b, v) => b.AddStateOrProvinceName(v)),
        ("2.5.4.6", (b, v) => b.AddCountryOrRegion(v)),
    ];

    private readonly IKeyVault _vault;

    public PartnerResigner(IKeyVault vault) => _vault = vault;

    public X509Certificate2 Resign(X509Certificate2 partner, ResolvedKey signer, string domain, DateTime nowUtc, int validityYears)
    {
        // .NET's builder encodes the last added RDN first: adding CN first gives MOSIP's encoded order C..CN.
        var builder = new X500DistinguishedNameBuilder();
        foreach (var (oid, add) in SubjectOrder)
        {
            if (DistinguishedNames.First(partner.SubjectName, oid) is { } value)
            {
                add(builder, value);
            }
        }

        var request = new CertificateRequest(builder.Build(), partner.PublicKey, HashAlgorithmName.SHA256);
        var usage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign;
        if (domain == "AUTH")
        {
            usage |= X509KeyUsageFlags.KeyEncipherment;
        }

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(partner.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(signer.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        var (notBefore, notAfter) = CertificateFactory.ClipValidity(nowUtc, nowUtc.AddDays(365 * validityYears), signer.Certificate);
        return _vault.IssueCertificate(
            signer.Alias.Id, new CertificateToIssue(request, signer.Certificate.SubjectName, notBefore, notAfter, CertificateFactory.NewSerialNumber()));
    }
}
