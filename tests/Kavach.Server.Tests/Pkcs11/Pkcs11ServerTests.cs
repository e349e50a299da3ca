using System.Text;
using Kavach.Crypto;
using Kavach.Keys.Hierarchy;
using Kavach.Server.Tests.Support;
using Kavach.Testing;

namespace Kavach.Server.Tests.Pkcs11;

/// <summary>
/// The whole server with its vault on a SoftHSM2 token: the hierarchy (checked by openssl), encryption, signatures,
/// and that ROOT and module private keys live on the token only.
/// </summary>
[Collection(Pkcs11Collection.Name)]
public sealed class Pkcs11ServerTests(Pkcs11ServerTests.Fixture fixture) : IClassFixture<Pkcs11ServerTests.Fixture>
{
    private const string TimeStamp = "2025-01-01T10:00:00.000Z";
    private static readonly string Payload = Base64Url.Encode(Encoding.UTF8.GetBytes("{\"anyKey\":\"Test Json\"}"));
    private readonly Pkcs11Server _server = fixture.Server;

    [Fact]
    public async Task The_server_reports_a_ready_pkcs11_vault()
    {
        var (status, body) = await _server.GetAsync("/health/ready");

        Assert.Equal(200, status);
        Assert.Equal("UP", body["checks"]!["vault"]!.GetValue<string>());
        Assert.Equal("PKCS11", _server.Runtime.Vault.Kind);
    }

    [Fact]
    public async Task Root_module_and_base_certificates_chain_and_verify_with_openssl()
    {
        var root = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=ROOT")).Body.Field("certificate");
        var master = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION")).Body.Field("certificate");
        var sign = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=KERNEL&referenceId=SIGN")).Body.Field("certificate");
        var baseKey = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=10001_110011")).Body.Field("certificate");

        var (rootOk, rootOutput) = await Pems.VerifyAsync(root, root);
        Assert.True(rootOk, rootOutput);
        var (masterOk, masterOutput) = await Pems.VerifyAsync(root, master);
        Assert.True(masterOk, masterOutput);
        var kernel = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=KERNEL")).Body.Field("certificate");
        var (signOk, signOutput) = await Pems.VerifyAsync(root, sign, kernel); // KERNEL/SIGN → KERNEL → ROOT
        Assert.True(signOk, signOutput);
        var (baseOk, baseOutput) = await Pems.VerifyAsync(root, baseKey, master);
        Assert.True(baseOk, baseOutput);
    }

    [Fact]
    public async Task Encrypt_and_decrypt_round_trip_through_a_base_key_unwrapped_by_the_token_held_module_key()
    {
        var plaintext = Base64Url.Encode(Encoding.UTF8.GetBytes("a secret for REGISTRATION"));
        var encrypted = (await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "p11-ref", timeStamp = TimeStamp, data = plaintext, prependThumbprint = true })).Body.Field("data");

        var decrypted = (await _server.PostAsync("/v1/keymanager/decrypt", new { applicationId = "REGISTRATION", referenceId = "p11-ref", timeStamp = TimeStamp, data = encrypted })).Body.Field("data");

        // The first decrypt unwrapped the base key's private key with the module key, inside the token (RSA-OAEP-SHA256).
        Assert.Equal(plaintext, decrypted);
    }

    [Theory]
    [InlineData("KERNEL", "SIGN", null)]
    [InlineData("ID_REPO", "EC_SECP256R1_SIGN", "ES256")]
    [InlineData("ID_REPO", "EC_SECP256K1_SIGN", "ES256K")]
    public async Task JwtSign_inside_the_token_verifies_with_jwtVerify(string applicationId, string referenceId, string? alg)
    {
        if (alg is not null)
        {
            Assert.Equal(200, (await _server.PostAsync("/v1/keymanager/generateECSignKey/CERTIFICATE", new { applicationId, referenceId })).Status);
        }

        var jws = (await _server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = Payload, applicationId, referenceId, includePayload = true, includeCertificate = true })).Body.Field("jwtSignedData");
        var header = Encoding.UTF8.GetString(Base64Url.TryDecodeUrlSafe(jws.Split('.')[0], out var bytes) ? bytes : []);
        Assert.Contains($"\"alg\":\"{alg ?? "RS256"}\"", header, StringComparison.Ordinal);

        var verify = (await _server.PostAsync("/v1/keymanager/jwtVerify", new { jwtSignatureData = jws, applicationId, referenceId })).Body;
        Assert.True(verify.Response()["signatureValid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task No_root_or_module_private_key_is_in_the_database_or_the_data_directory()
    {
        var store = _server.Runtime.Store;
        var masters = (await store.GetMasterAliasesAsync(CancellationToken.None))
            .Where(a => a.AppId != KeyIds.Base)
            .Concat(await store.GetAliasesAsync(KeyIds.Kernel, KeyIds.Sign, CancellationToken.None))
            .ToList();
        Assert.Contains(masters, a => a.AppId == KeyIds.Root);
        Assert.Contains(masters, a => a.AppId == KeyIds.Kernel && a.RefId == KeyIds.Sign);
        Assert.True(masters.Count >= 5, $"only {masters.Count} master aliases");

        // The database holds no key_store row (wrapped private key) for any of them.
        foreach (var alias in masters)
        {
            Assert.Null(await store.GetStoredKeyAsync(alias.Id, CancellationToken.None));
        }

        // No PKCS#12 vault, and nothing in the data directory (database, WAL, files) holds a PEM private key.
        Assert.False(File.Exists(Path.Combine(_server.DataDirectory, "vault.p12")));
        Assert.False(File.Exists(Path.Combine(_server.DataDirectory, "vault.password")));
        foreach (var file in Directory.EnumerateFiles(_server.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var content = await File.ReadAllBytesAsync(file);
            Assert.True(content.AsSpan().IndexOf("PRIVATE KEY"u8) < 0, $"{Path.GetFileName(file)} holds a PEM private key");
        }

        // Each of them is a private key object on the token, sensitive and never extractable (opensc's view).
        var (code, output, error) = await ExternalTool.RunAsync(
            "pkcs11-tool", ["--module", _server.Token.Library, "--token-label", _server.Token.Label, "--login", "--pin", _server.Token.Pin, "--list-objects", "--type", "privkey"]);
        Assert.True(code == 0, output + error);
        foreach (var alias in masters)
        {
            var block = output[output.IndexOf($"label:      {alias.Id}", StringComparison.Ordinal)..];
            var access = block[block.IndexOf("Access:", StringComparison.Ordinal)..].Split('\n')[0];
            Assert.Contains("always sensitive", access, StringComparison.Ordinal);
            Assert.Contains("never extractable", access, StringComparison.Ordinal);
        }
    }

    /// <summary>One server on a fresh token for the class (start-up generates a dozen RSA keys inside the token).</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public Pkcs11Server Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await Pkcs11Server.StartAsync(await SoftHsm.CreateTokenAsync());

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
