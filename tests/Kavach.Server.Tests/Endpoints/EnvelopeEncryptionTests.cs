using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Crypto.Envelope;
using Kavach.Keys.Storage;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Endpoints;

/// <summary>/encrypt and /decrypt over HTTP: every mode, key lookup rules, and one generic answer to every failure.</summary>
public sealed class EnvelopeEncryptionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string TimeStamp = "2025-01-01T10:00:00.000Z";
    private readonly TestServer _server = fixture.Server;

    public static TheoryData<int, int> Modes => new()
    {
        { 0, 0 },   // VER_R2
        { 12, 0 },  // salt as IV
        { 13, 0 },
        { 16, 0 },
        { 31, 13 },
        { 0, 13 },  // aad only: random 16-byte IV appended
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Round_trip_in_every_mode(int saltLength, int aadLength)
    {
        var plaintext = RandomNumberGenerator.GetBytes(1000);
        var salt = saltLength == 0 ? null : Base64Url.Encode(RandomNumberGenerator.GetBytes(saltLength));
        var aad = aadLength == 0 ? null : Base64Url.Encode(RandomNumberGenerator.GetBytes(aadLength));
        var encrypted = await EncryptAsync("REGISTRATION", "envelope-modes", Base64Url.Encode(plaintext), salt, aad);
        Assert.True(Base64Url.TryDecodeUrlSafe(encrypted, out var bytes));
        Assert.Equal(saltLength == 0 && aadLength == 0, bytes.AsSpan().StartsWith("VER_R2"u8));

        var decrypted = await DecryptAsync("REGISTRATION", "envelope-modes", encrypted, salt, aad);
        Assert.Equal(plaintext, Decode(decrypted.Field("data")));
    }

    [Fact]
    public async Task MOSIP_test_vector_plaintext_round_trips_with_standard_and_padded_base64()
    {
        const string data = "dGVzdCBjYXNlIGRhdGEgZm9yIGNyeXB0b21hbmFnZXI";
        var encrypted = await EncryptAsync("REGISTRATION", "ref", data, "IWdCK2J3S2xQTD1S", "dzhENWsyczlMcVpwN240WA");
        var decrypted = await DecryptAsync("REGISTRATION", "ref", encrypted, "IWdCK2J3S2xQTD1S", "dzhENWsyczlMcVpwN240WA");
        Assert.Equal(data, decrypted.Field("data"));

        // The same envelope in standard base64 with padding is accepted too.
        Assert.True(Base64Url.TryDecodeUrlSafe(encrypted, out var raw));
        var standard = Convert.ToBase64String(raw);
        Assert.Equal(data, (await DecryptAsync("REGISTRATION", "ref", standard, "IWdCK2J3S2xQTD1S", "dzhENWsyczlMcVpwN240WA")).Field("data"));
    }

    [Fact]
    public async Task Any_flipped_bit_gives_the_one_generic_error()
    {
        var encrypted = await EncryptAsync("REGISTRATION", "flip", Base64Url.Encode(RandomNumberGenerator.GetBytes(64)), null, null);
        Assert.True(Base64Url.TryDecodeUrlSafe(encrypted, out var envelope));
        var codes = new HashSet<string>();
        for (var bit = 0; bit < envelope.Length * 8; bit += 37)
        {
            var tampered = (byte[])envelope.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            var body = await DecryptAsync("REGISTRATION", "flip", Base64Url.Encode(tampered), null, null);
            Assert.True(body["response"] is null, $"bit {bit} of {envelope.Length * 8} decrypted");
            var code = body.ErrorCode();
            codes.Add(code);
            var inThumbprint = bit / 8 is >= 6 and < 38;
            Assert.True(code == "KER-CRY-003" || (inThumbprint && code == "KER-KMS-025"), $"bit {bit}: {code}");
        }

        Assert.Contains("KER-CRY-003", codes);
        Assert.Equal("KER-CRY-003", (await DecryptAsync("REGISTRATION", "flip", Base64Url.Encode(envelope.AsSpan(0, envelope.Length - 1)), null, null)).ErrorCode());
        Assert.Equal("KER-CRY-003", (await DecryptAsync("REGISTRATION", "flip", Base64Url.Encode(envelope.AsSpan(0, 300)), null, null)).ErrorCode());

        // Wrong AAD (the caller-AAD mode; VER_R2 carries its own AAD) and wrong salt.
        var withAad = await EncryptAsync("REGISTRATION", "flip", "AQID", null, Base64Url.Encode([9, 9, 9]));
        Assert.Equal("KER-CRY-003", (await DecryptAsync("REGISTRATION", "flip", withAad, null, Base64Url.Encode([1, 2, 3]))).ErrorCode());
        var withSalt = await EncryptAsync("REGISTRATION", "flip", "AQID", Base64Url.Encode(new byte[16]), null);
        Assert.Equal("KER-CRY-003", (await DecryptAsync("REGISTRATION", "flip", withSalt, Base64Url.Encode(new byte[12]), null)).ErrorCode());
    }

    [Fact]
    public async Task Key_lookup_rules()
    {
        var encrypted = await EncryptAsync("REGISTRATION", "lookup", Base64Url.Encode([1, 2, 3]), null, null);
        // Another reference of the same application is accepted (MOSIP); another application is not.
        Assert.Equal("AQID", (await DecryptAsync("REGISTRATION", "another-ref", encrypted, null, null)).Field("data"));
        Assert.Equal("KER-KMS-024", (await DecryptAsync("ID_REPO", "lookup", encrypted, null, null)).ErrorCode());
    }

    [Fact]
    public async Task Envelopes_for_a_master_key_and_without_thumbprint_decrypt()
    {
        var master = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=RESIDENT")).Body.Certificate();
        var baseCert = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=RESIDENT&referenceId=legacy")).Body.Certificate();
        var data = RandomNumberGenerator.GetBytes(50);

        var forMaster = MosipEnvelope.Encrypt(master.GetRSAPublicKey()!, SHA256.HashData(master.RawData), data, [], []);
        Assert.Equal(data, Decode((await DecryptAsync("RESIDENT", "", Base64Url.Encode(forMaster), null, null)).Field("data")));

        var legacy = MosipEnvelope.Encrypt(baseCert.GetRSAPublicKey()!, [], data, [], []);
        Assert.Equal(data, Decode((await DecryptAsync("RESIDENT", "legacy", Base64Url.Encode(legacy), null, null)).Field("data")));
    }

    [Fact]
    public async Task Other_domain_certificate_encrypts_and_only_its_owner_decrypts()
    {
        using var ca = await ExternalCa.CreateAsync();
        var (certificatePem, keyPem) = await ca.IssueNewWithKeyAsync("partner-enc");
        await _server.PostAsync("/v1/keymanager/uploadOtherDomainCertificate", new { applicationId = "PARTNER_APP", referenceId = "ENC", certificateData = certificatePem });
        var data = RandomNumberGenerator.GetBytes(32);
        var encrypted = await EncryptAsync("PARTNER_APP", "ENC", Base64Url.Encode(data), null, null);

        using var partnerKey = RSA.Create();
        partnerKey.ImportFromPem(keyPem);
        Assert.True(Base64Url.TryDecodeUrlSafe(encrypted, out var envelope));
        Assert.True(MosipEnvelope.TrySplit(envelope, out var parts));
        Assert.Equal(SHA256.HashData(X509Certificate2.CreateFromPem(certificatePem).RawData), envelope[parts.Thumbprint]);
        Assert.True(MosipEnvelope.TryUnwrapSessionKey(partnerKey, envelope.AsSpan(parts.EncryptedKey), out var sessionKey));
        Assert.True(MosipEnvelope.TryDecryptData(sessionKey, envelope.AsSpan(parts.Data), parts.IsV2, [], [], out var plaintext));
        Assert.Equal(data, plaintext);

        await _server.Runtime.Store.UpsertPolicyAsync(new KeyPolicy("PARTNER_APP", 365, 30, true, "NA"), CancellationToken.None);
        _server.Runtime.Policies.Invalidate();
        Assert.Equal("KER-KMS-018", (await DecryptAsync("PARTNER_APP", "ENC", encrypted, null, null)).ErrorCode());
    }

    [Fact]
    public async Task Decrypt_needs_key_access_and_old_keys_keep_decrypting_after_revocation()
    {
        var encrypted = await EncryptAsync("ADMIN_SERVICES", "access", "AQID", null, null);
        await _server.PutAsync("/v1/keymanager/revokeKey", new { applicationId = "ADMIN_SERVICES", referenceId = "access" });
        Assert.Equal("AQID", (await DecryptAsync("ADMIN_SERVICES", "access", encrypted, null, null)).Field("data"));

        await _server.Runtime.Store.UpsertPolicyAsync(new KeyPolicy("ADMIN_SERVICES", 1095, 60, true, "someone-else"), CancellationToken.None);
        _server.Runtime.Policies.Invalidate();
        try
        {
            Assert.Equal("KER-CRY-012", (await DecryptAsync("ADMIN_SERVICES", "access", encrypted, null, null)).ErrorCode());
        }
        finally
        {
            await _server.Runtime.Store.UpsertPolicyAsync(new KeyPolicy("ADMIN_SERVICES", 1095, 60, true, "NA"), CancellationToken.None);
            _server.Runtime.Policies.Invalidate();
        }
    }

    [Fact]
    public async Task Request_validation_codes()
    {
        Assert.Equal("KER-CRY-011", (await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "", timeStamp = TimeStamp, data = "AQID" })).Body.ErrorCode());
        Assert.Equal("KER-CRY-011", (await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "KERNEL", referenceId = "SIGN", timeStamp = TimeStamp, data = "AQID" })).Body.ErrorCode());
        Assert.Equal("KER-CRY-003", (await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "v", timeStamp = TimeStamp, data = "%%%not base64%%%" })).Body.ErrorCode());
        Assert.Equal("KER-KMS-005", (await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "v", data = "AQID" })).Body.ErrorCode());
        Assert.Equal("KER-KMS-006", (await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "v", timeStamp = "2018-12-1006:12:52.994Z", data = "AQID" })).Body.ErrorCode());
        Assert.Equal("KER-KMS-005", (await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "v", timeStamp = TimeStamp, data = "" })).Body.ErrorCode());
        Assert.Equal("KER-KMS-005", (await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "v", timeStamp = TimeStamp, data = "AQID", salt = "  " })).Body.ErrorCode());
        Assert.Equal("KER-KMS-002", (await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "EGISTRATION", referenceId = "REF01", timeStamp = TimeStamp, data = "AQID" })).Body.ErrorCode());
        Assert.Equal("KER-CRY-003", (await DecryptAsync("REGISTRATION", "v", Base64Url.Encode(RandomNumberGenerator.GetBytes(400)), null, null)).ErrorCode());
    }

    private async Task<string> EncryptAsync(string applicationId, string referenceId, string data, string? salt, string? aad) =>
        (await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId, referenceId, timeStamp = TimeStamp, data, salt, aad, prependThumbprint = true })).Body.Field("data");

    private async Task<System.Text.Json.Nodes.JsonNode> DecryptAsync(string applicationId, string referenceId, string data, string? salt, string? aad) =>
        (await _server.PostAsync("/v1/keymanager/decrypt", new { applicationId, referenceId, timeStamp = TimeStamp, data, salt, aad })).Body;

    private static byte[] Decode(string base64Url)
    {
        Assert.True(Base64Url.TryDecodeUrlSafe(base64Url, out var bytes));
        return bytes;
    }
}
