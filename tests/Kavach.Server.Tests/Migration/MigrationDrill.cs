using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.Keys.Storage;
using Kavach.Keys.Wrapping;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Migration;

/// <summary>
/// A migration from one key manager to another, as MOSIP's keys-migrator job runs it: the "source" holds keys and
/// data, the test plays the job (exports each key from the source and re-wraps it for the target), the target takes
/// the keys through the migration endpoints and then opens the source's data.
/// </summary>
public static class MigrationDrill
{
    /// <summary>An application with a default key policy.</summary>
    public const string App = "REGISTRATION";

    /// <summary>A base-key reference id.</summary>
    public const string Ref = "10011_10021";

    private const string TimeStamp = "2025-01-01T10:00:00.000Z";

    /// <summary>The source's secret and the envelope it made of it.</summary>
    public sealed record SourceData(string Plaintext, string Ciphertext, string CertificatePem, string EncryptedKeyData, string NotBefore, string NotAfter);

    /// <summary>Makes the application's master key on <paramref name="server"/> (the target must have its own before keys arrive).</summary>
    public static async Task MakeMasterAsync(TestServer server)
    {
        var (_, body) = await server.PostAsync("/v1/keymanager/generateMasterKey/CERTIFICATE", new { applicationId = App, referenceId = "", force = false });
        Assert.NotNull(body.Response()["certificate"]);
    }

    /// <summary>The source makes a base key and encrypts with it; the "job" exports the key re-wrapped for <paramref name="target"/>'s master.</summary>
    public static async Task<SourceData> PrepareAsync(TestServer source, TestServer target)
    {
        await MakeMasterAsync(source);
        await MakeMasterAsync(target);
        var certificate = (await source.GetAsync($"/v1/keymanager/getCertificate?applicationId={App}&referenceId={Ref}")).Body.Field("certificate");
        const string plaintext = "packet 10011100210000120250101";
        var ciphertext = (await source.PostAsync("/v1/keymanager/encrypt", new { applicationId = App, referenceId = Ref, timeStamp = TimeStamp, data = Base64Url.Encode(Encoding.UTF8.GetBytes(plaintext)) })).Body.Field("data");

        var alias = Assert.Single(await source.Runtime.Store.GetAliasesAsync(App, Ref, CancellationToken.None));
        var stored = (await source.Runtime.Store.GetStoredKeyAsync(alias.Id, CancellationToken.None))!;
        var pkcs8 = BaseKeyWrapper.TryUnwrap(stored.WrappedPrivateKey, source.Runtime.Vault, stored.MasterKeyAlias);
        Assert.NotNull(pkcs8);
        using var targetMaster = await MasterCertificateAsync(target);
        using var targetPublic = targetMaster.GetRSAPublicKey()!;
        var rewrapped = BaseKeyWrapper.Wrap(pkcs8, targetPublic);
        return new SourceData(plaintext, ciphertext, certificate, rewrapped, Format(alias.GeneratedAt), Format(alias.ExpiresAt));
    }

    /// <summary>The master certificate of <see cref="App"/> on <paramref name="server"/>.</summary>
    public static async Task<X509Certificate2> MasterCertificateAsync(TestServer server) =>
        (await server.GetAsync($"/v1/keymanager/getCertificate?applicationId={App}&referenceId=")).Body.Certificate();

    /// <summary>The migrateBaseKey request for <paramref name="data"/>.</summary>
    public static object Request(SourceData data, string? encryptedKeyData = null, string? notAfter = null) => new
    {
        applicationId = App,
        referenceId = Ref,
        encryptedKeyData = encryptedKeyData ?? data.EncryptedKeyData,
        certificateData = data.CertificatePem,
        notBefore = data.NotBefore,
        notAfter = notAfter ?? data.NotAfter,
    };

    /// <summary>Base keys: migrate, decrypt the source's data on the target, see the certificate, repeat is refused.</summary>
    public static async Task RunBaseKeyAsync(TestServer source, TestServer target)
    {
        var data = await PrepareAsync(source, target);
        var (status, body) = await target.PostAsync("/v1/keymanager/migrateBaseKey", Request(data));
        Assert.Equal(200, status);
        Assert.Equal("Migration Success", body.Field("status"));

        var opened = (await target.PostAsync("/v1/keymanager/decrypt", new { applicationId = App, referenceId = Ref, timeStamp = TimeStamp, data = data.Ciphertext })).Body.Field("data");
        Assert.True(Base64Url.TryDecodeUrlSafe(opened, out var plain));
        Assert.Equal(data.Plaintext, Encoding.UTF8.GetString(plain));

        using var served = (await target.GetAsync($"/v1/keymanager/getCertificate?applicationId={App}&referenceId={Ref}")).Body.Certificate();
        using var migrated = X509Certificate2.CreateFromPem(data.CertificatePem);
        Assert.Equal(migrated.RawData, served.RawData);

        // New data the target encrypts for the pair goes to the migrated key, which the source can open too.
        var fresh = (await target.PostAsync("/v1/keymanager/encrypt", new { applicationId = App, referenceId = Ref, timeStamp = TimeStamp, data = Base64Url.Encode("after"u8) })).Body.Field("data");
        Assert.True(Base64Url.TryDecodeUrlSafe((await source.PostAsync("/v1/keymanager/decrypt", new { applicationId = App, referenceId = Ref, timeStamp = TimeStamp, data = fresh })).Body.Field("data"), out var back));
        Assert.Equal("after"u8.ToArray(), back);

        // The same key again: MOSIP's status, nothing added.
        Assert.Equal("Migration Not Allowed. Valid Key Exists.", (await target.PostAsync("/v1/keymanager/migrateBaseKey", Request(data))).Body.Field("status"));
        Assert.Single(await target.Runtime.Store.GetAliasesAsync(App, Ref, CancellationToken.None));
    }

    /// <summary>ZK pool: the target's temporary certificate receives the source's pool key; the target then zkDecrypts the source's data.</summary>
    public static async Task RunZeroKnowledgeAsync(TestServer source, TestServer target)
    {
        const string uin = "7364918250";

        // zkEncrypt shares each random key with IDA: the source needs IDA's key.
        await source.Runtime.Store.UpsertPolicyAsync(new KeyPolicy("IDA", 1095, 60, true, "NA"), CancellationToken.None);
        source.Runtime.Policies.Invalidate();
        await source.PostAsync("/v1/keymanager/generateMasterKey/CERTIFICATE", new { applicationId = "IDA", referenceId = "" });
        Assert.NotNull((await source.GetAsync("/v1/keymanager/getCertificate?applicationId=IDA&referenceId=PUBLIC_KEY")).Body.Response()["certificate"]);
        var zk = (await source.PostAsync("/v1/keymanager/zkEncrypt", new { id = uin, zkDataAttributes = new[] { new { identifier = "fullName", value = "Asha Kumari" } } })).Body;
        var index = int.Parse(zk.Field("rankomKeyIndex"), CultureInfo.InvariantCulture);

        var temp = (await target.GetAsync("/v1/keymanager/getZKTempCertificate")).Body;
        using var tempCertificate = temp.Certificate();
        Assert.Equal("CN=ZKKeysSelfSignedKey", tempCertificate.Subject);
        Assert.Equal(TimeSpan.FromDays(1), tempCertificate.NotAfter - tempCertificate.NotBefore);
        Assert.False(Kavach.Keys.Vault.KeyUsageRules.CanIssue(tempCertificate));
        Assert.Equal(tempCertificate.RawData, (await target.GetAsync("/v1/keymanager/getZKTempCertificate")).Body.Certificate().RawData);

        var items = new JsonArray
        {
            Item(index, await EncryptPoolKeyAsync(source, index, tempCertificate)),
            Item(index + 1, "!!not base64!!"),
            Item(index + 2, Base64Url.Encode(RandomNumberGenerator.GetBytes(256))),
            Item(index + 3, Base64Url.Encode(tempCertificate.GetRSAPublicKey()!.Encrypt(new byte[16], RSAEncryptionPadding.OaepSHA256))),
            null,
            new JsonObject { ["encryptedKeyData"] = "AAAA" },
        };
        var result = (await target.PostAsync("/v1/keymanager/migrateZKKeys", new JsonObject { ["zkEncryptedDataList"] = items, ["purgeTempKeyFlag"] = false })).Body.Response()["zkEncryptedDataList"]!.AsArray();
        Assert.Equal(
            ["Migration Success", "Error in Migration", "Error in Migration", "Error in Migration", "Error in Migration", "Error in Migration"],
            result.Select(r => r!["statusMessage"]!.GetValue<string>()));
        Assert.Equal(index, result[0]!["keyIndex"]!.GetValue<int>());
        Assert.Null(await ((Kavach.Keys.ZeroKnowledge.IZkKeyPoolStore)target.Runtime.Store).GetWrappedKeyAsync(index + 1, CancellationToken.None));

        var decrypted = (await target.PostAsync("/v1/keymanager/zkDecrypt", new { id = uin, zkDataAttributes = zk.Response()["zkDataAttributes"]!.DeepClone() })).Body;
        Assert.Equal("Asha Kumari", decrypted.Response()["zkDataAttributes"]![0]!["value"]!.GetValue<string>());

        // The index is taken now: MOSIP's status, the stored key unchanged.
        var before = await ((Kavach.Keys.ZeroKnowledge.IZkKeyPoolStore)target.Runtime.Store).GetWrappedKeyAsync(index, CancellationToken.None);
        var again = (await target.PostAsync("/v1/keymanager/migrateZKKeys", new JsonObject { ["zkEncryptedDataList"] = new JsonArray { Item(index, await EncryptPoolKeyAsync(source, index, tempCertificate)) } })).Body;
        Assert.Equal("Migration Not Allowed. Valid Key Exists.", again.Response()["zkEncryptedDataList"]![0]!["statusMessage"]!.GetValue<string>());
        Assert.Equal(before, await ((Kavach.Keys.ZeroKnowledge.IZkKeyPoolStore)target.Runtime.Store).GetWrappedKeyAsync(index, CancellationToken.None));

        // Purge: the temporary key leaves the vault and its alias expires; later requests need a new one.
        var tempAlias = Assert.Single(await target.Runtime.Store.GetAliasesAsync("KEY_MIGRATE", "ZK_TEMP_KEY", CancellationToken.None));
        Assert.Empty((await target.PostAsync("/v1/keymanager/migrateZKKeys", new { zkEncryptedDataList = Array.Empty<object>(), purgeTempKeyFlag = true })).Body.Response()["zkEncryptedDataList"]!.AsArray());
        Assert.False(await target.Runtime.Vault.ContainsAsync(tempAlias.Id, CancellationToken.None));
        Assert.True((await target.Runtime.Store.GetAliasAsync(tempAlias.Id, CancellationToken.None))!.ExpiresAt < target.Time.GetUtcNow().UtcDateTime);
        Assert.Equal("KER-KMS-003", (await target.PostAsync("/v1/keymanager/migrateZKKeys", new { zkEncryptedDataList = Array.Empty<object>() })).Body.ErrorCode());
        using var next = (await target.GetAsync("/v1/keymanager/getZKTempCertificate")).Body.Certificate();
        Assert.NotEqual(tempCertificate.RawData, next.RawData);

        // The source's data still opens after the purge: the pool key is the target's own now.
        Assert.Equal("Asha Kumari", (await target.PostAsync("/v1/keymanager/zkDecrypt", new { id = uin, zkDataAttributes = zk.Response()["zkDataAttributes"]!.DeepClone() })).Body.Response()["zkDataAttributes"]![0]!["value"]!.GetValue<string>());
    }

    /// <summary>The job's part: the source's pool key at <paramref name="index"/>, RSA-OAEP-SHA256-encrypted to the temporary certificate, base64url.</summary>
    public static async Task<string> EncryptPoolKeyAsync(TestServer source, int index, X509Certificate2 tempCertificate)
    {
        var key = await source.Runtime.ZkPool.UnwrapAsync(index, CancellationToken.None);
        Assert.True(key.IsSuccess);
        using var rsa = tempCertificate.GetRSAPublicKey()!;
        return Base64Url.Encode(rsa.Encrypt(key.Value, RSAEncryptionPadding.OaepSHA256));
    }

    /// <summary>One item of zkEncryptedDataList.</summary>
    public static JsonObject Item(int index, string encryptedKeyData) => new() { ["keyIndex"] = index, ["encryptedKeyData"] = encryptedKeyData };

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
