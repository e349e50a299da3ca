using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Vaults.Tests.Support;
using Kavach.Keys.Vault;

namespace Kavach.Vaults.Tests.Contract;

/// <summary>Key usage: issuing keys never sign caller data; data-signing keys never issue.</summary>
public abstract partial class KeyVaultContractTests
{
    public static TheoryData<string> IssuingUsages => ["ca", "keyCertSign", "cRLSign"];

    [Theory]
    [MemberData(nameof(IssuingUsages))]
    public async Task SignData_refuses_a_key_whose_certificate_can_issue(string usage)
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, Issuing(usage), None);

        foreach (var algorithm in new[] { VaultSignatureAlgorithm.RsaPkcs1Sha256, VaultSignatureAlgorithm.RsaPssSha256 })
        {
            var refused = Assert.Throws<KeyUsageException>(() => vault.SignData(alias, [1, 2, 3], algorithm));
            Assert.Equal(alias, refused.Alias);
        }
    }

    [Theory]
    [MemberData(nameof(EcKeyTypes))]
    public async Task SignData_refuses_an_ec_ca_key(VaultKeyType type)
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var certificate = await vault.CreateKeyPairAsync(alias, type, TestIssuers.SelfSignedCa(alias), None);

        Assert.Throws<KeyUsageException>(() => vault.SignData(alias, [1], VaultSignatureAlgorithm.EcdsaSha256));
    }

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public async Task An_issuing_key_issues_a_certificate_that_chains_to_it(VaultKeyType type)
    {
        var vault = NewVault();
        string issuerAlias = NewAlias(), leafAlias = NewAlias();
        using var issuer = await vault.CreateKeyPairAsync(issuerAlias, type, TestIssuers.SelfSignedCa("issuer"), None);
        using var leaf = await vault.CreateKeyPairAsync(leafAlias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned("leaf"), None);

        using var issued = vault.IssueCertificate(issuerAlias, LeafLayout(leaf.PublicKey, issuer.SubjectName));

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(issuer);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(issued), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal("CN=issued", issued.Subject);
    }

    [Fact]
    public async Task A_data_signing_key_issues_nothing()
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var signer = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned("signer"), None);

        Assert.Throws<KeyUsageException>(() => vault.IssueCertificate(alias, LeafLayout(signer.PublicKey, signer.SubjectName)));
    }

    [Fact]
    public async Task An_issuing_key_refuses_a_certificate_that_names_another_issuer()
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var issuer = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSignedCa("issuer"), None);

        Assert.Throws<KeyUsageException>(() => vault.IssueCertificate(alias, LeafLayout(issuer.PublicKey, new X500DistinguishedName("CN=someone else"))));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_signing_request_is_self_signed_by_the_key(bool ca)
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, ca ? TestIssuers.SelfSignedCa(alias) : TestIssuers.SelfSigned(alias), None);

        var der = vault.CreateSigningRequest(alias, new CertificateRequest(new X500DistinguishedName("CN=request"), certificate.PublicKey, HashAlgorithmName.SHA256));

        // LoadSigningRequest checks the self-signature by default.
        var loaded = CertificateRequest.LoadSigningRequest(der, HashAlgorithmName.SHA256);
        Assert.Equal("CN=request", loaded.SubjectName.Name);
        Assert.Equal(certificate.PublicKey.ExportSubjectPublicKeyInfo(), loaded.PublicKey.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public async Task A_signing_request_for_another_public_key_is_refused()
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(alias), None);
        using var foreign = TestIssuers.ForeignCertificate("foreign");

        Assert.ThrowsAny<ArgumentException>(() => vault.CreateSigningRequest(alias, new CertificateRequest(new X500DistinguishedName("CN=x"), foreign.PublicKey, HashAlgorithmName.SHA256)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_certificate_swap_cannot_change_whether_a_key_issues(bool originallyCa)
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var original = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, originallyCa ? TestIssuers.SelfSignedCa(alias) : TestIssuers.SelfSigned(alias), None);
        using var swapped = TestIssuers.SignedElsewhere("swapped", original.PublicKey, ca: !originallyCa);

        await Assert.ThrowsAsync<KeyUsageException>(() => vault.ReplaceCertificateAsync(alias, swapped, None));

        using var stored = await vault.GetCertificateAsync(alias, None);
        Assert.Equal(original.RawData, stored!.RawData);
        if (originallyCa)
        {
            Assert.Throws<KeyUsageException>(() => vault.SignData(alias, [1], VaultSignatureAlgorithm.RsaPkcs1Sha256));
        }
    }

    private static CertificateToIssue LeafLayout(PublicKey publicKey, X500DistinguishedName issuerName)
    {
        var request = new CertificateRequest(new X500DistinguishedName("CN=issued"), publicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var now = TimeProvider.System.GetUtcNow();
        return new CertificateToIssue(request, issuerName, now.AddMinutes(-5), now.AddDays(30), [0x01, 0x23, 0x45, 0x67]);
    }

    private static CertificateIssuer Issuing(string usage) => (publicKey, selfSigner) =>
    {
        var request = new CertificateRequest(new X500DistinguishedName("CN=issuing"), publicKey, HashAlgorithmName.SHA256);
        var (ca, flags) = usage switch
        {
            "ca" => (true, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign),
            "keyCertSign" => (false, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign),
            _ => (false, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.CrlSign),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(flags, true));
        var now = TimeProvider.System.GetUtcNow();
        return request.Create(request.SubjectName, selfSigner, now.AddMinutes(-5), now.AddYears(1), [0x42]);
    };
}
