using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;
using Kavach.Devices.Tests.Enrolment.Support;
using Kavach.Keys.Vault;

namespace Kavach.Devices.Tests.Authority;

/// <summary>The device CA: made once in the vault, issued by ROOT, the §4.1 device profile, rollover per §4.13.4.</summary>
public sealed class DeviceCertificateAuthorityTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task The_CA_is_an_rsa_3072_key_in_the_vault_issued_by_ROOT_that_issues_and_signs_CRLs_only()
    {
        await using var harness = await DeviceAuthorityHarness.CreateAsync();

        var ca = await harness.Authority.GetIssuingCertificateAsync(Ct);

        var alias = Assert.Single(await harness.Store.GetAliasesAsync(DeviceCertificateAuthority.ApplicationId, string.Empty, Ct));
        Assert.Equal(alias.CertThumbprint, ca.GetCertHashString(HashAlgorithmName.SHA256));
        using (var rsa = ca.GetRSAPublicKey()!)
        {
            Assert.Equal(3072, rsa.KeySize);
        }

        var basic = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(basic.CertificateAuthority);
        Assert.True(basic.HasPathLengthConstraint);
        Assert.Equal(0, basic.PathLengthConstraint);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, ca.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        var anchors = await harness.Authority.GetTrustAnchorsAsync(Ct);
        Assert.Equal(anchors.Root.SubjectName.RawData, ca.IssuerName.RawData);
        Assert.True(Chains(ca, anchors.Root));

        // Attack: caller bytes routed to the CA key through the data-signing call.
        Assert.Throws<KeyUsageException>(() => harness.Vault.SignData(alias.Id, "tbs of a forged certificate"u8, VaultSignatureAlgorithm.RsaPkcs1Sha256));
    }

    [Fact]
    public async Task Two_replicas_racing_make_one_CA()
    {
        await using var harness = await DeviceAuthorityHarness.CreateAsync();

        var made = await Task.WhenAll(harness.NewAuthority().GetIssuingCertificateAsync(Ct), harness.NewAuthority().GetIssuingCertificateAsync(Ct));

        Assert.Single(await harness.Store.GetAliasesAsync(DeviceCertificateAuthority.ApplicationId, string.Empty, Ct));
        Assert.Equal(made[0].RawData, made[1].RawData);
    }

    [Fact]
    public async Task A_device_certificate_has_the_spec_profile_and_chains_to_the_CA_and_ROOT()
    {
        await using var harness = await DeviceAuthorityHarness.CreateAsync();
        using var deviceKey = RSA.Create(2048);
        var publicKey = new CertificateRequest("CN=ignored", deviceKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).PublicKey;
        var mgmtId = Guid.NewGuid().ToString();

        var issued = await harness.Authority.IssueAsync("SN0000000001", "MOSIP Device Org", mgmtId, publicKey, Ct);

        var certificate = issued.Certificate;
        Assert.Equal("CN=SN0000000001, O=MOSIP Device Org", certificate.Subject);
        Assert.Equal(16, certificate.SerialNumberBytes.Length);
        Assert.Equal(issued.CertSerial, certificate.SerialNumber);
        var now = harness.Time.GetUtcNow().UtcDateTime;
        Assert.Equal(now.AddMinutes(-1), certificate.NotBefore.ToUniversalTime());
        Assert.Equal(now.AddDays(30), certificate.NotAfter.ToUniversalTime());
        Assert.False(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal(["1.3.6.1.5.5.7.3.2"], certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains($"urn:mosip-dm:device:{mgmtId}", san.Format(false), StringComparison.Ordinal);
        var ca = issued.Chain[1];
        Assert.Equal(
            ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifier,
            Convert.ToHexString(certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier.GetValueOrDefault().Span));
        Assert.NotNull(certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().SingleOrDefault());
        var cdp = certificate.Extensions["2.5.29.31"];
        Assert.NotNull(cdp);
        Assert.Contains("https://dm.example/pki/crl", System.Text.Encoding.ASCII.GetString(cdp!.RawData), StringComparison.Ordinal);
        Assert.Equal(DeviceCertificateAuthority.SpkiSha256(publicKey), issued.SpkiSha256);
        Assert.Equal(3, issued.Chain.Count);
        Assert.True(Chains(certificate, issued.Chain[2], ca));
    }

    [Fact]
    public async Task The_chain_pem_holds_the_CA_and_ROOT()
    {
        await using var harness = await DeviceAuthorityHarness.CreateAsync();

        var pem = await harness.Authority.GetChainPemAsync(Ct);

        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(pem);
        Assert.Equal(2, certificates.Count);
        Assert.Equal((await harness.Authority.GetIssuingCertificateAsync(Ct)).RawData, certificates[0].RawData);
        Assert.Equal((await harness.Authority.GetTrustAnchorsAsync(Ct)).Root.RawData, certificates[1].RawData);
    }

    [Fact]
    public async Task Rollover_makes_a_successor_with_twelve_months_left_that_issues_only_after_the_publish_lead_time()
    {
        await using var harness = await DeviceAuthorityHarness.CreateAsync();
        var first = await harness.Authority.GetIssuingCertificateAsync(Ct);

        // 13 months before the first CA expires, the rollover is due.
        harness.Time.SetUtcNow(new DateTimeOffset(first.NotAfter.ToUniversalTime()).AddDays(-harness.Options.RolloverLeadDays).AddHours(1));
        Assert.True(await harness.Authority.PrepareRolloverAsync(Ct));

        var aliases = await harness.Store.GetAliasesAsync(DeviceCertificateAuthority.ApplicationId, string.Empty, Ct);
        Assert.Equal(2, aliases.Count);
        var anchors = await harness.Authority.GetTrustAnchorsAsync(Ct);
        var successor = anchors.IssuingCas.Single(c => c.Thumbprint != first.Thumbprint);
        Assert.True(successor.NotAfter.ToUniversalTime() - harness.Time.GetUtcNow().UtcDateTime >= TimeSpan.FromDays(365));

        // Not yet published to MOSIP: the first CA still issues.
        Assert.Equal(first.RawData, (await harness.Authority.GetIssuingCertificateAsync(Ct)).RawData);
        Assert.False(await harness.Authority.PrepareRolloverAsync(Ct));

        harness.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(2));
        Assert.Equal(successor.RawData, (await harness.NewAuthority().GetIssuingCertificateAsync(Ct)).RawData);
        Assert.Equal(2, (await harness.Store.GetAliasesAsync(DeviceCertificateAuthority.ApplicationId, string.Empty, Ct)).Count);
    }

    internal static bool Chains(X509Certificate2 certificate, X509Certificate2 root, params X509Certificate2[] intermediates)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = intermediates.Append(root).Select(c => c.NotBefore).Append(certificate.NotBefore).Max().AddMinutes(1);
        return chain.Build(certificate);
    }
}
