using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.Keys.Storage;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Identity;

/// <summary>
/// The data-protection flow of seed 001 across two servers: the credential side zk-encrypts a record, shares the
/// random key for IDA and wraps the package in the datashare envelope; the IDA side opens it, re-encrypts the random
/// key under its own master, keeps it at the index and decrypts the attributes — with the right UIN only.
/// </summary>
public static class ZeroKnowledgeFlow
{
    /// <summary>Runs the flow between <paramref name="credential"/> and <paramref name="ida"/> (an IDA-side instance with no pool).</summary>
    public static async Task RunAsync(TestServer credential, TestServer ida)
    {
        const string uin = "7364918250";
        const string timeStamp = "2025-01-01T10:00:00.000Z";

        // IDA's own key for the datashare and the random key; the credential side knows IDA as an application too.
        await credential.Runtime.Store.UpsertPolicyAsync(new KeyPolicy("IDA", 1095, 60, true, "NA"), CancellationToken.None);
        credential.Runtime.Policies.Invalidate();
        await ida.Runtime.Store.UpsertPolicyAsync(new KeyPolicy("IDA", 1095, 60, true, "NA"), CancellationToken.None);
        ida.Runtime.Policies.Invalidate();
        await ida.PostAsync("/v1/keymanager/generateMasterKey/CERTIFICATE", new { applicationId = "IDA", referenceId = "" });
        var idaCertificate = (await ida.GetAsync("/v1/keymanager/getCertificate?applicationId=IDA&referenceId=PUBLIC_KEY")).Body.Field("certificate");
        Assert.Equal("Upload Success", (await credential.PostAsync("/v1/keymanager/uploadOtherDomainCertificate", new { applicationId = "IDA", referenceId = "PUBLIC_KEY", certificateData = idaCertificate })).Body.Field("status"));

        // Credential side.
        var zk = (await credential.PostAsync("/v1/keymanager/zkEncrypt", new
        {
            id = uin,
            zkDataAttributes = new[] { new { identifier = "fullName", value = "Asha Kumari" }, new { identifier = "face", value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(1024)) } },
        })).Body;
        var package = new JsonObject
        {
            ["attributes"] = zk.Response()["zkDataAttributes"]!.DeepClone(),
            ["encryptedRandomKey"] = zk.Field("encryptedRandomKey"),
            ["index"] = zk.Field("rankomKeyIndex"),
            ["idHash"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(uin))),
        };
        var datashare = (await credential.PostAsync("/v1/keymanager/encrypt", new { applicationId = "IDA", referenceId = "PUBLIC_KEY", timeStamp, data = Base64Url.Encode(Encoding.UTF8.GetBytes(package.ToJsonString())) })).Body.Field("data");

        // Without IDA's private key nothing opens: the credential side holds only IDA's certificate.
        Assert.Equal("KER-KMS-018", (await credential.PostAsync("/v1/keymanager/decrypt", new { applicationId = "IDA", referenceId = "PUBLIC_KEY", timeStamp, data = datashare })).Body.ErrorCode());
        Assert.Equal("KER-ZKC-006", (await ReEncryptAsync(credential, package["encryptedRandomKey"]!.GetValue<string>())).ErrorCode());

        // IDA side.
        Assert.True(Base64Url.TryDecodeUrlSafe((await ida.PostAsync("/v1/keymanager/decrypt", new { applicationId = "IDA", referenceId = "PUBLIC_KEY", timeStamp, data = datashare })).Body.Field("data"), out var opened));
        var received = JsonNode.Parse(opened)!;
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(uin))), received["idHash"]!.GetValue<string>());
        var reEncrypted = (await ReEncryptAsync(ida, received["encryptedRandomKey"]!.GetValue<string>())).Field("encryptedKey");
        var index = long.Parse(received["index"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, await ((IZkKeyPoolStore)ida.Runtime.Store).InsertKeysAsync([(index, reEncrypted)], CancellationToken.None));

        var decrypted = (await ida.PostAsync("/v1/keymanager/zkDecrypt", new { id = uin, zkDataAttributes = received["attributes"]!.DeepClone() })).Body;
        Assert.Equal("Asha Kumari", decrypted.Response()["zkDataAttributes"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(zk.Response()["zkDataAttributes"]![1]!["identifier"]!.GetValue<string>(), decrypted.Response()["zkDataAttributes"]![1]!["identifier"]!.GetValue<string>());

        // The wrong UIN decrypts nothing.
        Assert.Equal("KER-ZKC-004", (await ida.PostAsync("/v1/keymanager/zkDecrypt", new { id = "7364918251", zkDataAttributes = received["attributes"]!.DeepClone() })).Body.ErrorCode());
    }

    private static async Task<JsonNode> ReEncryptAsync(TestServer server, string encryptedKey)
    {
        using var response = await server.Client.PostAsync(new Uri($"/v1/keymanager/zkReEncryptRandomKey?encryptedKey={encryptedKey}", UriKind.Relative), null);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
