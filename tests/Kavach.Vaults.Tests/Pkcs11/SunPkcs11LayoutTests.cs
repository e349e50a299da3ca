using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Keys.Vault;
using Kavach.Testing;
using Kavach.Vaults.Tests.Support;
using Net.Pkcs11Interop.Common;

namespace Kavach.Vaults.Tests.Pkcs11;

/// <summary>
/// Keys a MOSIP key manager left on its HSM are found under MOSIP's aliases (<c>key_alias.id</c>). MOSIP's PKCS11
/// keystore is Java's SunPKCS11 <c>KeyStore</c>, whose <c>setEntry</c> leaves a key pair as: the private key with
/// <c>CKA_ID</c> = the alias in UTF-8 and <c>no CKA_LABEL</c>, the certificate with <c>CKA_ID</c> and <c>CKA_LABEL</c>
/// = the alias, and no public-key object; a secret key with <c>CKA_LABEL</c> = the alias and no <c>CKA_ID</c>
/// (checked against keytool on SunPKCS11 and SoftHSM2). Kavach's own objects carry both attributes; the vault finds
/// private keys by <c>CKA_ID</c>, certificates by <c>CKA_ID</c> then <c>CKA_LABEL</c>, secret keys by <c>CKA_LABEL</c>,
/// so both layouts work. The objects here are written by OpenSC's pkcs11-tool with exactly SunPKCS11's attributes.
/// </summary>
[Collection(Pkcs11Collection.Name)]
public sealed class SunPkcs11LayoutTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private SoftHsmToken _token = null!;

    public async Task InitializeAsync() => _token = await SoftHsm.CreateTokenAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_key_entry_written_by_SunPKCS11_is_served_under_MOSIPs_alias()
    {
        var alias = Guid.NewGuid().ToString();
        using var rsa = RSA.Create(2048);
        var certificate = TestIssuers.SignedElsewhere("www.mosip.io (REGISTRATION)", new PublicKey(rsa), ca: true);
        await WriteSunPkcs11EntryAsync(alias, rsa, certificate);

        using var vault = Pkcs11Vault.Open(_token.Options(), TimeProvider.System);
        using (var inspector = new TokenInspector(_token))
        {
            Assert.Empty(inspector.Find(CKO.CKO_PUBLIC_KEY, alias));
            var privateKey = Assert.Single(inspector.Find(CKO.CKO_PRIVATE_KEY, alias));
            Assert.True(inspector.Attribute(privateKey, CKA.CKA_LABEL) is null or { Length: 0 });
        }

        Assert.True(await vault.ContainsAsync(alias, None));
        Assert.Equal(certificate.RawData, (await vault.GetCertificateAsync(alias, None))!.RawData);

        // The module key unwraps base keys (RSA-OAEP-SHA256) and issues certificates.
        var secret = RandomNumberGenerator.GetBytes(32);
        Assert.Equal(secret, vault.DecryptOaepSha256(alias, rsa.Encrypt(secret, RSAEncryptionPadding.OaepSHA256)));
        using var baseKey = RSA.Create(2048);
        var now = DateTimeOffset.UtcNow;
        var request = new CertificateRequest(new X500DistinguishedName("CN=REGISTRATION-ref"), baseKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        var issued = vault.IssueCertificate(alias, new CertificateToIssue(request, certificate.SubjectName, now.AddMinutes(-1), now.AddDays(730), RandomNumberGenerator.GetBytes(8)));
        Assert.True(issued.IssuerName.RawData.AsSpan().SequenceEqual(certificate.SubjectName.RawData));
        Assert.True(Kavach.Keys.Certificates.CertificateSignature.IsSignedBy(issued, certificate));

        // uploadCertificate on a MOSIP key: the certificate object is replaced, the private key left as it was.
        var renewed = TestIssuers.SignedElsewhere("www.mosip.io (REGISTRATION) renewed", new PublicKey(rsa), ca: true);
        await vault.ReplaceCertificateAsync(alias, renewed, None);
        Assert.Equal(renewed.RawData, (await vault.GetCertificateAsync(alias, None))!.RawData);
        Assert.Equal(secret, vault.DecryptOaepSha256(alias, rsa.Encrypt(secret, RSAEncryptionPadding.OaepSHA256)));
    }

    [Fact]
    public async Task A_secret_key_written_by_SunPKCS11_is_served_under_MOSIPs_alias()
    {
        var alias = Guid.NewGuid().ToString();
        var key = RandomNumberGenerator.GetBytes(32);
        using var dir = new TempDirectory("kavach-sun-skey");
        var file = dir.File("aes.key");
        await File.WriteAllBytesAsync(file, key);
        await Pkcs11ToolAsync("--write-object", file, "--type", "secrkey", "--key-type", "AES:32", "--label", alias, "--usage-decrypt", "--sensitive");

        using var vault = Pkcs11Vault.Open(_token.Options(), TimeProvider.System);
        Assert.True(await vault.ContainsAsync(alias, None));
        var block = RandomNumberGenerator.GetBytes(32);
        using var aes = Aes.Create();
        aes.Key = key;
        Assert.Equal(aes.EncryptEcb(block, PaddingMode.None), vault.EncryptAesEcb(alias, block));
        Assert.Equal(block, vault.DecryptAesEcb(alias, aes.EncryptEcb(block, PaddingMode.None)));
    }

    private async Task WriteSunPkcs11EntryAsync(string alias, RSA rsa, X509Certificate2 certificate)
    {
        using var dir = new TempDirectory("kavach-sun-entry");
        var keyFile = dir.File("key.pem");
        var certificateFile = dir.File("certificate.der");
        await File.WriteAllTextAsync(keyFile, rsa.ExportPkcs8PrivateKeyPem());
        await File.WriteAllBytesAsync(certificateFile, certificate.RawData);
        var id = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(alias));
        await Pkcs11ToolAsync("--write-object", keyFile, "--type", "privkey", "--id", id, "--usage-sign", "--usage-decrypt", "--sensitive");
        await Pkcs11ToolAsync("--write-object", certificateFile, "--type", "cert", "--id", id, "--label", alias);
    }

    private async Task Pkcs11ToolAsync(params string[] arguments)
    {
        var (code, output, error) = await ExternalTool.RunAsync(
            "pkcs11-tool", ["--module", _token.Library, "--token-label", _token.Label, "--login", "--pin", _token.Pin, .. arguments]);
        Assert.True(code == 0, output + error);
    }
}
