using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Vault;
using Kavach.Vaults.Tests.Support;

namespace Kavach.Vaults.Tests.Contract;

/// <summary>RSA-3072 keys and revocation lists: only a CA allowed cRLSign signs a CRL, and the CA key signs no data.</summary>
public abstract partial class KeyVaultContractTests
{
    [Fact]
    public async Task An_rsa_3072_key_pair_is_made_and_signs()
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa3072, TestIssuers.SelfSigned(alias), None);

        using var rsa = certificate.GetRSAPublicKey()!;
        Assert.Equal(3072, rsa.KeySize);
        var signature = vault.SignData(alias, [1, 2, 3], VaultSignatureAlgorithm.RsaPkcs1Sha256);
        Assert.True(rsa.VerifyData(new byte[] { 1, 2, 3 }, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task A_crl_issuing_rsa_3072_ca_key_cannot_SignData()
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var ca = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa3072, CrlIssuingCa("device ca"), None);

        foreach (var algorithm in new[] { VaultSignatureAlgorithm.RsaPkcs1Sha256, VaultSignatureAlgorithm.RsaPssSha256 })
        {
            Assert.Throws<KeyUsageException>(() => vault.SignData(alias, [1, 2, 3], algorithm));
        }
    }

    [Fact]
    public async Task A_crl_signed_by_a_ca_key_verifies_under_its_certificate_and_lists_the_entries()
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var ca = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa3072, CrlIssuingCa("device ca"), None);
        var revokedAt = TimeProvider.System.GetUtcNow().AddMinutes(-1);

        var der = vault.IssueCrl(alias, CrlLayout(ca, ca.SubjectName, new CrlEntry([0x0A, 0x0B], revokedAt, X509RevocationReason.Superseded)));

        Assert.True(VerifiesUnder(der, ca), "the CRL signature does not verify under the CA certificate");
        var loaded = CertificateRevocationListBuilder.Load(der, out var number);
        Assert.Equal(new BigInteger(7), number);
        Assert.True(loaded.RemoveEntry(new byte[] { 0x0A, 0x0B }));
    }

    [Fact]
    public async Task A_data_signing_key_signs_no_crl()
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var signer = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned("signer"), None);

        Assert.Throws<KeyUsageException>(() => vault.IssueCrl(alias, CrlLayout(signer, signer.SubjectName)));
    }

    [Fact]
    public async Task A_ca_key_without_crl_sign_signs_no_crl()
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var issuer = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSignedCa("issuer"), None);

        Assert.Throws<KeyUsageException>(() => vault.IssueCrl(alias, CrlLayout(issuer, issuer.SubjectName)));
    }

    [Fact]
    public async Task A_crl_that_names_another_issuer_is_refused()
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var ca = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, CrlIssuingCa("device ca"), None);

        Assert.Throws<KeyUsageException>(() => vault.IssueCrl(alias, CrlLayout(ca, new X500DistinguishedName("CN=someone else"))));
    }

    private static CrlToIssue CrlLayout(X509Certificate2 issuer, X500DistinguishedName issuerName, params CrlEntry[] entries)
    {
        var now = TimeProvider.System.GetUtcNow();
        return new CrlToIssue(issuerName, new BigInteger(7), now, now.AddDays(7), X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(new X509SubjectKeyIdentifierExtension(issuer.PublicKey, false)), entries);
    }

    /// <summary>Checks the CertificateList signature by hand: .NET has no CRL verifier.</summary>
    private static bool VerifiesUnder(byte[] crl, X509Certificate2 issuer)
    {
        var reader = new AsnReader(crl, AsnEncodingRules.DER).ReadSequence();
        var tbs = reader.ReadEncodedValue();
        _ = reader.ReadSequence();
        var signature = reader.ReadBitString(out _);
        using var rsa = issuer.GetRSAPublicKey()!;
        return rsa.VerifyData(tbs.Span, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static CertificateIssuer CrlIssuingCa(string commonName) => (publicKey, selfSigner) =>
    {
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}"), publicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, false));
        var now = TimeProvider.System.GetUtcNow();
        return request.Create(request.SubjectName, selfSigner, now.AddMinutes(-5), now.AddYears(1), [0x43]);
    };
}
