using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Identity;

/// <summary>zkEncrypt, zkDecrypt and zkReEncryptRandomKey over HTTP, with an independent Python decoder.</summary>
public sealed class ZeroKnowledgeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Uin = "4342859176";
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Pool_of_ten_thousand_keys_exists_after_start_and_generation_is_idempotent()
    {
        await using var server = await TestServer.StartAsync(extraArgs: ["--Kavach:ZeroKnowledge:PoolSize=10000"]);
        var status = await server.Runtime.ZkPool.StatusAsync(CancellationToken.None);
        Assert.Equal(10_000, status.ActiveKeys);
        Assert.NotNull(status.MasterAlias);
        Assert.Equal(0, (await server.Runtime.ZkPool.GenerateAsync(10_000, CancellationToken.None)).Value);
        Assert.Equal(5, (await server.Runtime.ZkPool.GenerateAsync(10_005, CancellationToken.None)).Value);
    }

    [Fact]
    public async Task Round_trip_with_the_right_id_only()
    {
        await EnsureRecipientAsync();
        var encrypted = await EncryptAsync(Uin, ("name", "John Doe"), ("email", "john@example.com"));
        var attributes = encrypted.Response()["zkDataAttributes"]!.AsArray();
        Assert.Equal("name", attributes[0]!["identifier"]!.GetValue<string>());
        Assert.NotEqual("John Doe", attributes[0]!["value"]!.GetValue<string>());
        Assert.NotNull(encrypted.Response()["rankomKeyIndex"]);

        var decrypted = await DecryptAsync(Uin, attributes);
        Assert.Equal("John Doe", decrypted.Response()["zkDataAttributes"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("john@example.com", decrypted.Response()["zkDataAttributes"]![1]!["value"]!.GetValue<string>());
        Assert.Null(decrypted.Response()["encryptedRandomKey"]);

        Assert.Equal("KER-ZKC-004", (await DecryptAsync("4342859177", attributes)).ErrorCode());
    }

    [Fact]
    public async Task Values_decode_with_an_independent_Python_implementation()
    {
        await EnsureRecipientAsync();
        var encrypted = await EncryptAsync(Uin, ("name", "Ærøskøbing ✓"));
        var value = encrypted.Response()["zkDataAttributes"]![0]!["value"]!.GetValue<string>();
        var index = long.Parse(encrypted.Field("rankomKeyIndex"), System.Globalization.CultureInfo.InvariantCulture);
        var poolKey = (await _server.Runtime.ZkPool.UnwrapAsync(index, CancellationToken.None)).Value;
        var plaintext = await Python.RunAsync(
            "import sys, base64, hashlib, struct\n" +
            "from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\n" +
            "from cryptography.hazmat.primitives.ciphers.aead import AESGCM\n" +
            "value, key, uin, index = sys.argv[1], bytes.fromhex(sys.argv[2]), sys.argv[3], int(sys.argv[4])\n" +
            "raw = base64.urlsafe_b64decode(value + '=' * (-len(value) % 4))\n" +
            "assert struct.unpack('>i', raw[:4])[0] == index\n" +
            "enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()\n" +
            "dk = enc.update(hashlib.sha256(uin.encode()).digest()) + enc.finalize()\n" +
            "nonce, aad, ct = raw[4:16], raw[16:48], raw[48:]\n" +
            "sys.stdout.buffer.write(AESGCM(dk).decrypt(nonce, ct, aad).hex().encode())",
            value, Convert.ToHexString(poolKey), Uin, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Ærøskøbing ✓", Encoding.UTF8.GetString(Convert.FromHexString(plaintext)));
    }

    [Fact]
    public async Task Tampered_truncated_and_unknown_index_values_fail_without_an_oracle()
    {
        await EnsureRecipientAsync();
        var value = (await EncryptAsync(Uin, ("name", "John Doe"))).Response()["zkDataAttributes"]![0]!["value"]!.GetValue<string>();
        Assert.True(Base64Url.TryDecodeUrlSafe(value, out var raw));
        foreach (var position in new[] { 20, 50, raw.Length - 1 })
        {
            var tampered = (byte[])raw.Clone();
            tampered[position] ^= 1;
            Assert.Equal("KER-ZKC-004", (await DecryptAsync(Uin, Attribute(Base64Url.Encode(tampered)))).ErrorCode());
        }

        Assert.Equal("ZK-DEC-001", (await DecryptAsync(Uin, Attribute(Base64Url.Encode(raw.AsSpan(0, 40))))).ErrorCode());
        var unknownIndex = (byte[])raw.Clone();
        unknownIndex[0] = 0x7F;
        Assert.Equal("KER-ZKC-001", (await DecryptAsync(Uin, Attribute(Base64Url.Encode(unknownIndex)))).ErrorCode());
        Assert.Equal("KER-KMS-005", (await _server.PostAsync("/v1/keymanager/zkDecrypt", new { id = " ", zkDataAttributes = Attribute(value) })).Body.ErrorCode());
    }

    [Fact]
    public async Task Re_encrypting_the_random_key_gives_the_pool_format()
    {
        await EnsureRecipientAsync();
        var encrypted = await EncryptAsync(Uin, ("name", "John Doe"));
        var encryptedRandomKey = encrypted.Field("encryptedRandomKey");
        using var response = await _server.Client.PostAsync(new Uri($"/v1/keymanager/zkReEncryptRandomKey?encryptedKey={encryptedRandomKey}", UriKind.Relative), null);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var rewrapped = Convert.FromBase64String(body.Field("encryptedKey"));
        Assert.Equal(32, rewrapped.Length);

        // Re-wrapped under the same master it is exactly the pool entry at the index.
        var index = long.Parse(encrypted.Field("rankomKeyIndex"), System.Globalization.CultureInfo.InvariantCulture);
        var poolKey = (await _server.Runtime.ZkPool.UnwrapAsync(index, CancellationToken.None)).Value;
        Assert.Equal(poolKey, _server.Runtime.Vault.DecryptAesEcb((await _server.Runtime.ZkPool.StatusAsync(CancellationToken.None)).MasterAlias!, rewrapped));

        using var blank = await _server.Client.PostAsync(new Uri("/v1/keymanager/zkReEncryptRandomKey?encryptedKey=", UriKind.Relative), null);
        Assert.Equal("KER-ZKC-006", JsonNode.Parse(await blank.Content.ReadAsStringAsync())!.ErrorCode());
        using var garbage = await _server.Client.PostAsync(new Uri($"/v1/keymanager/zkReEncryptRandomKey?encryptedKey={Base64Url.Encode(RandomNumberGenerator.GetBytes(300))}", UriKind.Relative), null);
        Assert.Equal("KER-ZKC-006", JsonNode.Parse(await garbage.Content.ReadAsStringAsync())!.ErrorCode());
    }

    private async Task EnsureRecipientAsync()
    {
        await _server.Runtime.Store.UpsertPolicyAsync(new Kavach.Keys.Storage.KeyPolicy("IDA", 1095, 60, true, "NA"), CancellationToken.None);
        _server.Runtime.Policies.Invalidate();
        await _server.PostAsync("/v1/keymanager/generateMasterKey/CERTIFICATE", new { applicationId = "IDA", referenceId = "" });
        Assert.NotNull((await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=IDA&referenceId=PUBLIC_KEY")).Body.Field("certificate"));
    }

    private async Task<JsonNode> EncryptAsync(string id, params (string Identifier, string Value)[] attributes) =>
        (await _server.PostAsync("/v1/keymanager/zkEncrypt", new { id, zkDataAttributes = attributes.Select(a => new { identifier = a.Identifier, value = a.Value }) })).Body;

    private async Task<JsonNode> DecryptAsync(string id, object attributes) =>
        (await _server.PostAsync("/v1/keymanager/zkDecrypt", new { id, zkDataAttributes = attributes })).Body;

    private static object Attribute(string value) => new[] { new { identifier = "x", value } };
}
