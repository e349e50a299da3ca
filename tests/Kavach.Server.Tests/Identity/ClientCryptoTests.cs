using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.Keys.ClientCrypto;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Identity;

/// <summary>Client crypto (/cssign, /csverifysign, /tpmencrypt, /tpmdecrypt, public keys) and token IDs over HTTP.</summary>
public sealed class ClientCryptoTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Server_signature_verifies_with_its_published_key()
    {
        var data = Base64Url.Encode("registration data"u8);
        var signature = (await _server.PostAsync("/v1/keymanager/cssign", new { data })).Body.Field("data");
        var publicKey = (await _server.PostAsync("/v1/keymanager/tpmsigning/publickey", new { serverProfile = "x" })).Body.Field("publicKey");
        Assert.True((await VerifyAsync(data, signature, publicKey, null))["verified"]!.GetValue<bool>());
        Assert.False((await VerifyAsync(Base64Url.Encode("other data"u8), signature, publicKey, "LOCAL"))["verified"]!.GetValue<bool>());

        // Signing and encryption use separate keys (as a TPM does): the module key signs no caller data (issue 12).
        Assert.NotEqual(publicKey, (await _server.PostAsync("/v1/keymanager/tpmencryption/publickey", new { serverProfile = "x" })).Body.Field("publicKey"));
    }

    [Fact]
    public async Task Encrypt_for_the_server_then_decrypt_on_it()
    {
        var publicKey = (await _server.PostAsync("/v1/keymanager/tpmencryption/publickey", new { serverProfile = "x" })).Body.Field("publicKey");
        var value = Base64Url.Encode(RandomNumberGenerator.GetBytes(300));
        var encrypted = (await _server.PostAsync("/v1/keymanager/tpmencrypt", new { value, publicKey, clientType = "LOCAL" })).Body.Field("value");
        Assert.Equal(value, (await _server.PostAsync("/v1/keymanager/tpmdecrypt", new { value = encrypted })).Body.Field("value"));
        Assert.True(Base64Url.TryDecodeUrlSafe(encrypted, out var raw));
        raw[^1] ^= 1;
        Assert.Equal("KER-CC-004", (await _server.PostAsync("/v1/keymanager/tpmdecrypt", new { value = Base64Url.Encode(raw) })).Body.ErrorCode());
    }

    [Fact]
    public async Task Android_encryption_uses_OAEP_SHA256_with_MGF1_SHA1_and_python_decrypts_it()
    {
        using var rsa = RSA.Create(2048);
        var value = Base64Url.Encode("android payload"u8);
        var encrypted = (await _server.PostAsync("/v1/keymanager/tpmencrypt", new { value, publicKey = Base64Url.Encode(rsa.ExportSubjectPublicKeyInfo()), clientType = "ANDROID" })).Body.Field("value");
        var plaintext = await Python.RunAsync(
            "import sys, base64\nfrom cryptography.hazmat.primitives import serialization, hashes\nfrom cryptography.hazmat.primitives.asymmetric import padding\nfrom cryptography.hazmat.primitives.ciphers.aead import AESGCM\n" +
            "key = serialization.load_pem_private_key(sys.argv[1].encode(), None)\nv = sys.argv[2]\nraw = base64.urlsafe_b64decode(v + '=' * (-len(v) % 4))\n" +
            "k = key.decrypt(raw[:256], padding.OAEP(mgf=padding.MGF1(hashes.SHA1()), algorithm=hashes.SHA256(), label=None))\n" +
            "print(AESGCM(k).decrypt(raw[256:268], raw[300:], raw[268:300]).decode())",
            rsa.ExportPkcs8PrivateKeyPem(), encrypted);
        Assert.Equal("android payload", plaintext);
    }

    [Fact]
    public async Task TPM_public_areas_are_read_for_verification_and_encryption()
    {
        using var rsa = RSA.Create(2048);
        var tpmPublic = Base64Url.Encode(TpmtPublic(rsa.ExportParameters(false)));
        var data = "tpm signed"u8.ToArray();
        var signature = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True((await VerifyAsync(Base64Url.Encode(data), Base64Url.Encode(signature), tpmPublic, "LOCAL"))["verified"]!.GetValue<bool>());

        var encrypted = (await _server.PostAsync("/v1/keymanager/tpmencrypt", new { value = Base64Url.Encode(data), publicKey = tpmPublic, clientType = "TPM" })).Body.Field("value");
        Assert.True(Base64Url.TryDecodeUrlSafe(encrypted, out var raw));
        var key = rsa.Decrypt(raw.AsSpan(0, 256).ToArray(), RSAEncryptionPadding.OaepSHA256);
        Assert.True(AesGcmCipher.TryDecrypt(key, raw.AsSpan(256, 12), raw.AsSpan(300), raw.AsSpan(268, 32), out var plaintext));
        Assert.Equal(data, plaintext);
    }

    [Fact]
    public async Task Bad_client_input_is_KER_CC_004()
    {
        Assert.Equal("KER-CC-004", (await _server.PostAsync("/v1/keymanager/csverifysign", new { data = "AQID", signature = "AQID", publicKey = "bm90IGEga2V5" })).Body.ErrorCode());
        Assert.Equal("KER-CC-004", (await _server.PostAsync("/v1/keymanager/tpmencrypt", new { value = "AQID", publicKey = "bm90IGEga2V5" })).Body.ErrorCode());
        Assert.Equal("KER-CC-004", (await _server.PostAsync("/v1/keymanager/tpmdecrypt", new { value = "AQID" })).Body.ErrorCode());
        Assert.Equal("KER-KMS-005", (await _server.PostAsync("/v1/keymanager/tpmsigning/publickey", new { serverProfile = "" })).Body.ErrorCode());
    }

    [Fact]
    public async Task Key_index_is_colon_separated_upper_hex_SHA256_of_the_SPKI()
    {
        using var rsa = RSA.Create(2048);
        var spki = rsa.ExportSubjectPublicKeyInfo();
        var expected = await Python.RunAsync("import sys, hashlib\nh = hashlib.sha256(bytes.fromhex(sys.argv[1])).hexdigest().upper()\nprint(':'.join(h[i:i+2] for i in range(0, len(h), 2)))", Convert.ToHexString(spki));
        Assert.Equal(expected, ClientCryptoService.KeyIndex(spki));
    }

    [Fact]
    public async Task Token_ids_are_stable_per_partner_and_blank_input_is_refused()
    {
        var first = (await _server.GetAsync("/v1/keymanager/tokenid/4342859176/partner-1")).Body.Field("tokenID");
        Assert.Matches("^[0-9]{36}$", first);
        Assert.Equal(first, (await _server.GetAsync("/v1/keymanager/tokenid/4342859176/partner-1")).Body.Field("tokenID"));
        Assert.NotEqual(first, (await _server.GetAsync("/v1/keymanager/tokenid/4342859176/partner-2")).Body.Field("tokenID"));
        Assert.Equal("KER-TIG-010", (await _server.GetAsync("/v1/keymanager/tokenid/%20/partner-1")).Body.ErrorCode());
    }

    [Fact]
    public async Task Configured_salts_give_the_spec_vector()
    {
        await using var server = await TestServer.StartAsync(extraArgs:
        [
            "--Kavach:TokenId:UinSalt=zHuDEAbmbxiUbUShgy6pwUhKh9DE0EZn9kQDKPPKbWscGajMwf",
            "--Kavach:TokenId:PartnerCodeSalt=yS8w5Wb6vhIKdf1msi4LYTJks7mqkbmITk2O63Iq8h0bkRlD0d",
            "--Kavach:ZeroKnowledge:PoolSize=0",
        ]);
        Assert.Equal("341848289429937600331214878588938562", (await server.GetAsync("/v1/keymanager/tokenid/1234/1234")).Body.Field("tokenID"));
    }

    private async Task<JsonNode> VerifyAsync(string data, string signature, string publicKey, string? clientType) =>
        (await _server.PostAsync("/v1/keymanager/csverifysign", new { data, signature, publicKey, clientType })).Body.Response();

    /// <summary>A TPM 2.0 TPMT_PUBLIC for an RSA-2048 signing/decryption key (what a registration client's TPM gives).</summary>
    private static byte[] TpmtPublic(RSAParameters key)
    {
        using var stream = new MemoryStream();
        void U16(ushort value) { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, value); stream.Write(b); }
        void U32(uint value) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, value); stream.Write(b); }
        U16(0x0001);            // TPM_ALG_RSA
        U16(0x000B);            // nameAlg SHA-256
        U32(0x00060072);        // objectAttributes
        U16(32);                // authPolicy
        stream.Write(new byte[32]);
        U16(0x0010);            // symmetric: TPM_ALG_NULL
        U16(0x0010);            // scheme: TPM_ALG_NULL
        U16(2048);              // keyBits
        U32(0);                 // exponent 0 = 65537
        U16((ushort)key.Modulus!.Length);
        stream.Write(key.Modulus);
        return stream.ToArray();
    }
}
