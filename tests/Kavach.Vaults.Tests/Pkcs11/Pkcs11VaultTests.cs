using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Vaults.Tests.Support;
using Kavach.Keys.Vault;
using Kavach.Testing;
using Microsoft.Extensions.Time.Testing;
using Net.Pkcs11Interop.Common;

namespace Kavach.Vaults.Tests.Pkcs11;

/// <summary>What is particular to the PKCS#11 vault: what lands on the token and how, PINs, opening failures.</summary>
[Collection(Pkcs11Collection.Name)]
public sealed class Pkcs11VaultTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TemporaryDirectory _files = new();
    private SoftHsmToken _token = null!;

    public async Task InitializeAsync() => _token = await SoftHsm.CreateTokenAsync();

    public Task DisposeAsync()
    {
        _files.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Private_and_secret_keys_are_sensitive_and_never_extractable_says_pkcs11_tool()
    {
        using (var vault = Pkcs11Vault.Open(_token.Options(), TimeProvider.System))
        {
            using var rsa = await vault.CreateKeyPairAsync("ROOT-" + Guid.NewGuid(), VaultKeyType.Rsa2048, TestIssuers.SelfSigned("root"), None);
            using var ec = await vault.CreateKeyPairAsync("EC-" + Guid.NewGuid(), VaultKeyType.EcP256, TestIssuers.SelfSigned("ec"), None);
            await vault.CreateSecretKeyAsync("ZK-" + Guid.NewGuid(), None);
        }

        // opensc's pkcs11-tool is an independent PKCS#11 client; the test PIN is a throw-away one.
        var (code, output, error) = await ExternalTool.RunAsync(
            "pkcs11-tool", ["--module", _token.Library, "--token-label", _token.Label, "--login", "--pin", _token.Pin, "--list-objects"]);
        Assert.True(code == 0, output + error);
        var blocks = output.Split("\n", StringSplitOptions.None).Aggregate(new List<List<string>>(), (list, line) =>
        {
            if (!line.StartsWith(' ') && line.Length > 0)
            {
                list.Add([line]);
            }
            else if (list.Count > 0)
            {
                list[^1].Add(line);
            }

            return list;
        });
        var keys = blocks.Where(b => b[0].StartsWith("Private Key Object", StringComparison.Ordinal) || b[0].StartsWith("Secret Key Object", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, keys.Count);
        foreach (var key in keys)
        {
            var access = key.Single(line => line.TrimStart().StartsWith("Access:", StringComparison.Ordinal));
            Assert.Contains("always sensitive", access, StringComparison.Ordinal);
            Assert.Contains("never extractable", access, StringComparison.Ordinal);
            Assert.Contains("local", access, StringComparison.Ordinal); // generated inside the token, never imported
        }

        Assert.Equal(2, blocks.Count(b => b[0].StartsWith("Certificate Object", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Rsa_3072_ca_and_server_keys_are_3072_bits_sensitive_and_never_extractable()
    {
        string ca = "DEVCA-" + Guid.NewGuid(), server = "DEVSRV-" + Guid.NewGuid();
        using var vault = Pkcs11Vault.Open(_token.Options(), TimeProvider.System);
        using var caCertificate = await vault.CreateKeyPairAsync(ca, VaultKeyType.Rsa3072, TestIssuers.SelfSignedCa(ca), None);
        using var serverCertificate = await vault.CreateKeyPairAsync(server, VaultKeyType.Rsa3072, TestIssuers.SelfSigned(server), None);

        // The CA key issues only: the vault refuses it caller data.
        Assert.Throws<KeyUsageException>(() => vault.SignData(ca, [1], VaultSignatureAlgorithm.RsaPkcs1Sha256));

        using var inspector = new TokenInspector(_token);
        foreach (var alias in new[] { ca, server })
        {
            var privateKey = Assert.Single(inspector.Find(CKO.CKO_PRIVATE_KEY, alias));
            Assert.True(inspector.Flag(privateKey, CKA.CKA_SENSITIVE));
            Assert.True(inspector.Flag(privateKey, CKA.CKA_ALWAYS_SENSITIVE));
            Assert.False(inspector.Flag(privateKey, CKA.CKA_EXTRACTABLE));
            Assert.True(inspector.Flag(privateKey, CKA.CKA_NEVER_EXTRACTABLE));
            Assert.Null(inspector.Attribute(privateKey, CKA.CKA_PRIVATE_EXPONENT));
            Assert.Equal(384, inspector.Attribute(privateKey, CKA.CKA_MODULUS)!.Length);
        }
    }

    [Fact]
    public async Task The_token_withholds_private_key_values_from_any_session()
    {
        var alias = "ROOT-" + Guid.NewGuid();
        var secret = "ZK-" + Guid.NewGuid();
        using var vault = Pkcs11Vault.Open(_token.Options(), TimeProvider.System);
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(alias), None);
        await vault.CreateSecretKeyAsync(secret, None);

        using var inspector = new TokenInspector(_token);
        var privateKey = Assert.Single(inspector.Find(CKO.CKO_PRIVATE_KEY, alias));
        Assert.True(inspector.Flag(privateKey, CKA.CKA_TOKEN));
        Assert.True(inspector.Flag(privateKey, CKA.CKA_PRIVATE));
        Assert.True(inspector.Flag(privateKey, CKA.CKA_SENSITIVE));
        Assert.True(inspector.Flag(privateKey, CKA.CKA_ALWAYS_SENSITIVE));
        Assert.False(inspector.Flag(privateKey, CKA.CKA_EXTRACTABLE));
        Assert.True(inspector.Flag(privateKey, CKA.CKA_NEVER_EXTRACTABLE));
        Assert.Null(inspector.Attribute(privateKey, CKA.CKA_PRIVATE_EXPONENT));
        Assert.NotNull(inspector.Attribute(privateKey, CKA.CKA_MODULUS));

        var secretKey = Assert.Single(inspector.Find(CKO.CKO_SECRET_KEY, label: secret));
        Assert.True(inspector.Flag(secretKey, CKA.CKA_SENSITIVE));
        Assert.False(inspector.Flag(secretKey, CKA.CKA_EXTRACTABLE));
        Assert.Null(inspector.Attribute(secretKey, CKA.CKA_VALUE));
    }

    [Fact]
    public async Task Objects_are_laid_out_as_javas_pkcs11_keystore_lays_them_out()
    {
        var alias = Guid.NewGuid().ToString();
        using var vault = Pkcs11Vault.Open(_token.Options(), TimeProvider.System);
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(alias), None);

        using var inspector = new TokenInspector(_token);
        var id = Encoding.UTF8.GetBytes(alias);
        Assert.Single(inspector.Find(CKO.CKO_PRIVATE_KEY, alias));
        Assert.Single(inspector.Find(CKO.CKO_PUBLIC_KEY, alias));
        var stored = Assert.Single(inspector.Find(CKO.CKO_CERTIFICATE, alias));
        Assert.Equal(id, inspector.Attribute(stored, CKA.CKA_LABEL));
        Assert.Equal(id, inspector.Attribute(stored, CKA.CKA_ID));
        Assert.Equal(certificate.RawData, inspector.Attribute(stored, CKA.CKA_VALUE));
        Assert.Equal(certificate.SubjectName.RawData, inspector.Attribute(stored, CKA.CKA_SUBJECT));
        Assert.Equal(certificate.IssuerName.RawData, inspector.Attribute(stored, CKA.CKA_ISSUER));
    }

    [Fact]
    public async Task Keys_outlive_the_vault_that_made_them()
    {
        var alias = Guid.NewGuid().ToString();
        byte[] certificate;
        using (var first = Pkcs11Vault.Open(_token.Options(), TimeProvider.System))
        {
            using var created = await first.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(alias), None);
            certificate = created.RawData;
        }

        using var second = Pkcs11Vault.Open(_token.Options(), TimeProvider.System);
        using var stored = await second.GetCertificateAsync(alias, None);
        Assert.Equal(certificate, stored!.RawData);
        using var publicKey = stored.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData(new byte[] { 1, 2, 3 }, second.SignData(alias, [1, 2, 3], VaultSignatureAlgorithm.RsaPkcs1Sha256), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task Oaep_sha256_is_decoded_in_software_when_the_token_lacks_it_and_the_status_says_so()
    {
        var alias = Guid.NewGuid().ToString();
        using var vault = Pkcs11Vault.Open(_token.Options(), TimeProvider.System);
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(alias), None);
        using var publicKey = certificate.GetRSAPublicKey()!;
        var key = RandomNumberGenerator.GetBytes(32);

        Assert.Equal(key, vault.DecryptOaepSha256(alias, publicKey.Encrypt(key, RSAEncryptionPadding.OaepSHA256)));

        // SoftHSM 2.6 offers CKM_RSA_PKCS_OAEP with SHA-1 only (CKR_ARGUMENTS_BAD for SHA-256).
        Assert.True(vault.DecodesOaepInSoftware);
        var status = await vault.GetStatusAsync(None);
        Assert.True(status.IsReady, status.Description);
        Assert.Contains("decoded in software", status.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pin_can_come_from_an_environment_variable()
    {
        var variable = "KAVACH_TEST_PIN_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, _token.Pin);
        try
        {
            using var vault = Pkcs11Vault.Open(new Pkcs11VaultOptions(_token.Library, _token.Label) { PinEnvironmentVariable = variable }, TimeProvider.System);
            var status = await vault.GetStatusAsync(None);
            Assert.True(status.IsReady, status.Description);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task A_refused_pin_is_not_tried_again_until_it_changes()
    {
        var pinFile = _files.File("wrong.pin");
        File.WriteAllText(pinFile, "not-the-pin\n");
        File.SetUnixFileMode(pinFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var clock = new FakeTimeProvider();
        using var vault = Pkcs11Vault.Open(_token.Options() with { PinFile = pinFile }, clock);

        var first = await Assert.ThrowsAsync<KeyVaultUnavailableException>(() => vault.ContainsAsync("any", None));
        var second = await Assert.ThrowsAsync<KeyVaultUnavailableException>(() => vault.ContainsAsync("any", None));
        clock.Advance(TimeSpan.FromMinutes(1));
        var third = await Assert.ThrowsAsync<KeyVaultUnavailableException>(() => vault.ContainsAsync("any", None));

        // One C_Login only: the later attempts stop at the remembered refusal, so a wrong PIN cannot lock the token.
        Assert.Contains("CKR_PIN_INCORRECT", first.Message, StringComparison.Ordinal);
        Assert.Contains("refused this PIN before", second.Message, StringComparison.Ordinal);
        Assert.Null(second.InnerException);
        Assert.Contains("refused this PIN before", third.Message, StringComparison.Ordinal);
        Assert.False((await vault.GetStatusAsync(None)).IsReady);
        Assert.DoesNotContain("not-the-pin", first.ToString() + second + third, StringComparison.Ordinal);

        // A changed PIN file is tried afresh once the back-off lets an attempt through; no reopen.
        File.WriteAllText(pinFile, _token.Pin + "\n");
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await vault.ContainsAsync("any", None));
    }

    [Fact]
    public async Task A_small_session_pool_serves_many_threads()
    {
        var alias = Guid.NewGuid().ToString();
        using var vault = Pkcs11Vault.Open(_token.Options(maxSessions: 2), TimeProvider.System);
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.EcP256, TestIssuers.SelfSigned(alias), None);
        using var publicKey = certificate.GetECDsaPublicKey()!;

        var signatures = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            Enumerable.Range(0, 10).Select(j => vault.SignData(alias, [(byte)i, (byte)j], VaultSignatureAlgorithm.EcdsaSha256)).ToList())));

        Assert.All(signatures.SelectMany((list, i) => list.Select((signature, j) => (signature, data: new byte[] { (byte)i, (byte)j }))),
            pair => Assert.True(publicKey.VerifyData(pair.data, pair.signature, HashAlgorithmName.SHA256)));
    }
}
