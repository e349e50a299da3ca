using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.Server.Tests.Support;
using Kavach.Testing;

namespace Kavach.Server.Tests.Pkcs11;

/// <summary>The zero-knowledge migration with the temporary key and the ZK master on a SoftHSM2 token.</summary>
[Collection(Pkcs11Collection.Name)]
public sealed class Pkcs11MigrationTests(Pkcs11ServerTests.Fixture fixture) : IClassFixture<Pkcs11ServerTests.Fixture>
{
    private readonly Pkcs11Server _server = fixture.Server;

    [Fact]
    public async Task A_pool_key_sent_to_the_token_held_temporary_key_is_stored_under_the_ZK_master_and_the_key_is_purged()
    {
        using var temp = (await _server.GetAsync("/v1/keymanager/getZKTempCertificate")).Body.Certificate();
        var alias = (await _server.Runtime.Store.GetAliasesAsync("KEY_MIGRATE", "ZK_TEMP_KEY", CancellationToken.None))[^1];
        Assert.True(await _server.Runtime.Vault.ContainsAsync(alias.Id, CancellationToken.None));

        var key = RandomNumberGenerator.GetBytes(32);
        var index = 900_000 + RandomNumberGenerator.GetInt32(90_000);
        using var rsa = temp.GetRSAPublicKey()!;
        var items = new JsonArray { new JsonObject { ["keyIndex"] = index, ["encryptedKeyData"] = Base64Url.Encode(rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA256)) } };
        var (_, body, _) = await _server.PostAsync("/v1/keymanager/migrateZKKeys", new JsonObject { ["zkEncryptedDataList"] = items, ["purgeTempKeyFlag"] = true });

        Assert.Equal("Migration Success", body.Response()["zkEncryptedDataList"]![0]!["statusMessage"]!.GetValue<string>());
        var stored = await _server.Runtime.ZkPool.UnwrapAsync(index, CancellationToken.None);
        Assert.True(stored.IsSuccess);
        Assert.Equal(key, stored.Value);
        Assert.False(await _server.Runtime.Vault.ContainsAsync(alias.Id, CancellationToken.None));
    }
}
