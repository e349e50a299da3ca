using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Vault;
using Kavach.Trust.Channel;
using Kavach.Trust.Tests.Support;

namespace Kavach.Trust.Tests.Channel;

public sealed class PartnerTlsAuthorityTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task The_CA_is_made_once_by_ROOT_as_an_issuer_only_even_when_callers_race()
    {
        await using var harness = await ChannelHarness.CreateAsync();
        var certificates = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => harness.Authority.GetCertificateAsync(Ct))));

        var aliases = await harness.KeyStore.GetAliasesAsync(PartnerTlsAuthority.ApplicationId, string.Empty, Ct);
        var alias = Assert.Single(aliases);
        Assert.All(certificates, c => Assert.Equal(alias.CertThumbprint, c.GetCertHashString(HashAlgorithmName.SHA256)));

        var ca = certificates[0];
        Assert.StartsWith("CN=Kavach Partner TLS CA, OU=Partner Channel", ca.Subject, StringComparison.Ordinal);
        var basic = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(basic is { CertificateAuthority: true, HasPathLengthConstraint: true, PathLengthConstraint: 0, Critical: true });
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, ca.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal(2048, ca.GetRSAPublicKey()!.KeySize);

        var root = await harness.Ring.GetCurrentAsync("ROOT", string.Empty, Ct);
        Assert.Equal(root.Value.Certificate.Subject, ca.Issuer);
        Assert.True(Chains(ca, root.Value.Certificate));
    }

    [Fact]
    public async Task The_CA_key_signs_no_data_and_no_API_caller_reaches_it()
    {
        await using var harness = await ChannelHarness.CreateAsync();
        await harness.Authority.GetCertificateAsync(Ct);
        var alias = Assert.Single(await harness.KeyStore.GetAliasesAsync(PartnerTlsAuthority.ApplicationId, string.Empty, Ct));

        // Attack: route caller bytes to the CA key through the vault's data-signing call.
        Assert.Throws<KeyUsageException>(() => harness.Vault.SignData(alias.Id, "forged TBS bytes"u8, VaultSignatureAlgorithm.RsaPkcs1Sha256));

        // Its application has no key policy: every key-manager path (getCertificate, sign, decrypt) resolves nothing.
        var viaRing = await harness.Ring.GetCurrentAsync(PartnerTlsAuthority.ApplicationId, string.Empty, Ct);
        Assert.Equal(ErrorCodes.ApplicationIdNotValid.Code, viaRing.Error!.Code);
        var generate = await harness.Ring.Generator.GenerateAsync(PartnerTlsAuthority.ApplicationId, "SIGN", Kavach.Keys.Certificates.SubjectRequest.Empty, false, Ct);
        Assert.Equal(ErrorCodes.ApplicationIdNotValid.Code, generate.Error!.Code);
    }

    [Fact]
    public async Task A_client_certificate_has_the_TLS_client_profile_and_chains_to_ROOT()
    {
        await using var harness = await ChannelHarness.CreateAsync();
        var issued = await harness.Authority.IssueClientCertificateAsync(Csrs.Rsa(subject: "CN=admin,O=Someone Else"), "partner-1", "Partner Org", Ct);

        var certificate = issued.Value.Certificate;
        Assert.Equal("CN=partner-1, O=Partner Org", certificate.Subject);
        Assert.False(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal(["1.3.6.1.5.5.7.3.2"], certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        Assert.Contains("urn:kavach:partner:partner-1", certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().Format(false), StringComparison.Ordinal);
        Assert.Equal(certificate.SerialNumber, issued.Value.Serial);
        Assert.True(certificate.SerialNumberBytes.Length >= 16);
        Assert.InRange(certificate.NotAfter.ToUniversalTime() - TestPki.Now.UtcDateTime, TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));

        Assert.Equal(3, issued.Value.Chain.Count);
        Assert.True(Chains(certificate, issued.Value.Chain[2], issued.Value.Chain[1]));

        // Two certificates for one key get different serials.
        var again = await harness.Authority.IssueClientCertificateAsync(Csrs.Rsa(), "partner-1", "Partner Org", Ct);
        Assert.NotEqual(issued.Value.Serial, again.Value.Serial);
    }

    [Fact]
    public async Task Weak_foreign_or_unproven_keys_and_junk_are_refused_with_the_CSR_code()
    {
        await using var harness = await ChannelHarness.CreateAsync();
        string?[] refused =
        [
            null,
            "",
            "not a csr",
            "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----",
            Csrs.Rsa(1024),
            Csrs.Ec(ECCurve.NamedCurves.nistP521),
            Csrs.WithoutProofOfPossession(),
        ];
        foreach (var csr in refused)
        {
            var result = await harness.Authority.IssueClientCertificateAsync(csr, "partner-1", "Partner Org", Ct);
            Assert.Equal(ChannelErrors.InvalidCsr.Code, result.Error?.Code);
        }

        Assert.True((await harness.Authority.IssueClientCertificateAsync(Csrs.Ec(ECCurve.NamedCurves.nistP384), "partner-1", "Partner Org", Ct)).IsSuccess);
        Assert.True((await harness.Authority.IssueClientCertificateAsync(Csrs.Ec(ECCurve.NamedCurves.nistP256), "partner-1", "Partner Org", Ct)).IsSuccess);
        Assert.Equal(ChannelErrors.InvalidPartner.Code, (await harness.Authority.IssueClientCertificateAsync(Csrs.Rsa(), "bad id/../x", "Partner Org", Ct)).Error!.Code);
    }

    [Fact]
    public async Task A_CA_that_can_no_longer_fit_a_full_client_certificate_is_followed_by_a_new_one_and_both_stay_trusted()
    {
        await using var harness = await ChannelHarness.CreateAsync();
        var first = await harness.Authority.GetCertificateAsync(Ct);

        harness.Time.SetUtcNow(new DateTimeOffset(first.NotAfter.ToUniversalTime()) - TimeSpan.FromDays(10));
        var second = await harness.Authority.GetCertificateAsync(Ct);

        Assert.NotEqual(first.Thumbprint, second.Thumbprint);
        var trusted = await harness.Authority.GetTrustedCertificatesAsync(Ct);
        Assert.Equal([second.Thumbprint, first.Thumbprint], trusted.Select(c => c.Thumbprint));
    }

    private static bool Chains(X509Certificate2 leaf, X509Certificate2 root, params X509Certificate2[] intermediates)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = TestPki.Now.UtcDateTime.AddHours(1).ToLocalTime();
        return chain.Build(leaf);
    }
}
