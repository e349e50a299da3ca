using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.Crypto.Envelope;
using Kavach.Keys.Wrapping;
using Kavach.Server.Tests.PostgreSql;
using Kavach.Server.Tests.Support;
using Kavach.Testing;

namespace Kavach.Server.Tests.Migration;

/// <summary>MOSIP's migration endpoints: the drill on SQLite and PostgreSQL, and the refusals that keep a broken or foreign key out.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresServer postgres)
{
    private static readonly string[] NoPool = ["--Kavach:ZeroKnowledge:PoolSize=0"];

    // A target never starts on a copy of a source's directory: their masters must differ, or a key wrapped for the
    // wrong master would go unnoticed.
    private const string Target = "migration target";

    [Fact]
    public async Task Base_key_drill_on_SQLite()
    {
        await using var source = await TestServer.StartAsync();
        await using var target = await TestServer.StartAsync(keys: Target);
        await MigrationDrill.RunBaseKeyAsync(source, target);
    }

    [Fact]
    public async Task Base_key_drill_on_PostgreSQL()
    {
        await using var source = await TestServer.StartAsync(postgresConnection: await postgres.DatabaseForAsync("migrate-base-source"));
        await using var target = await TestServer.StartAsync(postgresConnection: await postgres.DatabaseForAsync("migrate-base-target"));
        await MigrationDrill.RunBaseKeyAsync(source, target);
    }

    [Fact]
    public async Task Zero_knowledge_drill_on_SQLite()
    {
        await using var source = await TestServer.StartAsync();
        await using var target = await TestServer.StartAsync(extraArgs: NoPool, keys: Target);
        await MigrationDrill.RunZeroKnowledgeAsync(source, target);
    }

    [Fact]
    public async Task Zero_knowledge_drill_on_PostgreSQL()
    {
        await using var source = await TestServer.StartAsync(postgresConnection: await postgres.DatabaseForAsync("migrate-zk-source"));
        await using var target = await TestServer.StartAsync(postgresConnection: await postgres.DatabaseForAsync("migrate-zk-target"), extraArgs: NoPool);
        await MigrationDrill.RunZeroKnowledgeAsync(source, target);
    }

    [Fact]
    public async Task Attack_a_key_that_is_not_its_certificates_key_is_refused_and_nothing_is_stored()
    {
        await using var source = await TestServer.StartAsync();
        await using var target = await TestServer.StartAsync(keys: Target);
        var data = await MigrationDrill.PrepareAsync(source, target);

        // An attacker's key, correctly wrapped for the target's master, under the genuine certificate: it would be
        // served for encryption by its certificate while decrypting nothing (or the attacker's own ciphertexts).
        using var attacker = RSA.Create(2048);
        using var master = await MigrationDrill.MasterCertificateAsync(target);
        using var masterPublic = master.GetRSAPublicKey()!;
        var forged = BaseKeyWrapper.Wrap(attacker.ExportPkcs8PrivateKey(), masterPublic);
        Assert.Equal("KER-KMS-014", (await target.PostAsync("/v1/keymanager/migrateBaseKey", MigrationDrill.Request(data, encryptedKeyData: forged))).Body.ErrorCode());

        // Garbage that unwraps to no private key at all.
        var notAKey = BaseKeyWrapper.Wrap(RandomNumberGenerator.GetBytes(64), masterPublic);
        Assert.Equal("KER-KMS-014", (await target.PostAsync("/v1/keymanager/migrateBaseKey", MigrationDrill.Request(data, encryptedKeyData: notAKey))).Body.ErrorCode());

        await AssertNothingStoredAsync(target);
    }

    [Fact]
    public async Task Attack_a_key_wrapped_for_another_master_or_with_other_dates_is_refused_and_nothing_is_stored()
    {
        await using var source = await TestServer.StartAsync();
        await using var target = await TestServer.StartAsync(keys: Target);
        var data = await MigrationDrill.PrepareAsync(source, target);

        // Wrapped for the source's master (the job forgot to re-wrap): MOSIP would store a key nothing can unwrap.
        using var sourceMaster = await MigrationDrill.MasterCertificateAsync(source);
        using var sourcePublic = sourceMaster.GetRSAPublicKey()!;
        var alias = Assert.Single(await source.Runtime.Store.GetAliasesAsync(MigrationDrill.App, MigrationDrill.Ref, CancellationToken.None));
        var stored = (await source.Runtime.Store.GetStoredKeyAsync(alias.Id, CancellationToken.None))!;
        var (status, body) = await target.PostAsync("/v1/keymanager/migrateBaseKey", MigrationDrill.Request(data, encryptedKeyData: stored.WrappedPrivateKey));
        Assert.Equal(200, status);
        Assert.Equal("KER-KMS-054", body.ErrorCode());
        Assert.Equal("KER-KMS-054", (await target.PostAsync("/v1/keymanager/migrateBaseKey", MigrationDrill.Request(data, encryptedKeyData: "bm90IGEgd3JhcHBlZCBrZXk"))).Body.ErrorCode());

        // A validity the certificate does not have (a key kept alive past its certificate).
        Assert.Equal("KER-KMS-055", (await target.PostAsync("/v1/keymanager/migrateBaseKey", MigrationDrill.Request(data, notAfter: "2099-01-01T00:00:00.000Z"))).Body.ErrorCode());

        await AssertNothingStoredAsync(target);
    }

    [Fact]
    public async Task Bad_requests_get_MOSIP_errors_and_never_a_500()
    {
        await using var target = await TestServer.StartAsync(keys: Target);
        await MigrationDrill.MakeMasterAsync(target);
        var cases = new (object Request, string Code)[]
        {
            (new { applicationId = MigrationDrill.App, referenceId = MigrationDrill.Ref }, "KER-KMS-005"),
            (new { applicationId = MigrationDrill.App, referenceId = MigrationDrill.Ref, encryptedKeyData = "x", certificateData = "x", notBefore = "yesterday", notAfter = "2030-01-01T00:00:00.000Z" }, "KER-KMS-006"),
            (new { applicationId = MigrationDrill.App, referenceId = MigrationDrill.Ref, encryptedKeyData = "x", certificateData = "not a certificate", notBefore = "2025-01-01T00:00:00.000Z", notAfter = "2030-01-01T00:00:00.000Z" }, "KER-KMS-013"),
            (new { applicationId = MigrationDrill.App, referenceId = "SIGN", encryptedKeyData = "x", certificateData = "x", notBefore = "2025-01-01T00:00:00.000Z", notAfter = "2030-01-01T00:00:00.000Z" }, "KER-KMS-010"),
        };
        foreach (var (request, code) in cases)
        {
            var (status, body) = await target.PostAsync("/v1/keymanager/migrateBaseKey", request);
            Assert.Equal(200, status);
            Assert.Equal(code, body["errors"]![0]!["errorCode"]!.GetValue<string>());
        }

        // No master for the application: MOSIP's KER-KMS-003.
        using var certificate = await MigrationDrill.MasterCertificateAsync(target);
        var pem = new string(PemEncoding.Write("CERTIFICATE", certificate.RawData));
        var noMaster = new { applicationId = "NO_SUCH_APPLICATION", referenceId = "R1", encryptedKeyData = "x", certificateData = pem, notBefore = Format(certificate.NotBefore), notAfter = Format(certificate.NotAfter) };
        Assert.Equal("KER-KMS-003", (await target.PostAsync("/v1/keymanager/migrateBaseKey", noMaster)).Body.ErrorCode());

        // What MOSIP answers with a 500 (a NullPointerException) is a 400 here.
        var (noDates, noDatesBody) = await target.PostAsync("/v1/keymanager/migrateBaseKey", new { applicationId = MigrationDrill.App, referenceId = MigrationDrill.Ref, encryptedKeyData = "x", certificateData = pem });
        Assert.Equal((400, "KER-KMS-005"), (noDates, noDatesBody.ErrorCode()));
        var (noList, noListBody) = await target.PostAsync("/v1/keymanager/migrateZKKeys", new { purgeTempKeyFlag = true });
        Assert.Equal((400, "KER-KMS-005"), (noList, noListBody.ErrorCode()));
        Assert.Equal("KER-KMS-003", (await target.PostAsync("/v1/keymanager/migrateZKKeys", new { zkEncryptedDataList = new[] { new { keyIndex = 1, encryptedKeyData = "AAAA" } } })).Body.ErrorCode());
        var (badType, _) = await target.PostAsync("/v1/keymanager/migrateZKKeys", new { zkEncryptedDataList = new[] { new { keyIndex = "one", encryptedKeyData = "AAAA" } } });
        Assert.NotEqual(500, badType);
    }

    [Fact]
    public async Task An_expired_temporary_key_is_replaced_and_deleted_from_the_vault()
    {
        await using var target = await TestServer.StartAsync(extraArgs: NoPool, keys: Target);
        using var first = (await target.GetAsync("/v1/keymanager/getZKTempCertificate")).Body.Certificate();
        var firstAlias = Assert.Single(await target.Runtime.Store.GetAliasesAsync("KEY_MIGRATE", "ZK_TEMP_KEY", CancellationToken.None));
        target.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        Assert.Equal("KER-KMS-003", (await target.PostAsync("/v1/keymanager/migrateZKKeys", new { zkEncryptedDataList = Array.Empty<object>() })).Body.ErrorCode());
        using var second = (await target.GetAsync("/v1/keymanager/getZKTempCertificate")).Body.Certificate();
        Assert.NotEqual(first.RawData, second.RawData);
        Assert.False(await target.Runtime.Vault.ContainsAsync(firstAlias.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Attack_the_temporary_key_never_decrypts_caller_data_and_never_signs()
    {
        await using var target = await TestServer.StartAsync(extraArgs: NoPool, keys: Target);
        using var temp = (await target.GetAsync("/v1/keymanager/getZKTempCertificate")).Body.Certificate();
        using var tempPublic = temp.GetRSAPublicKey()!;

        // A caller who knows the temporary certificate wraps a session key for it and asks /decrypt to unwrap it.
        var envelope = Base64Url.Encode(MosipEnvelope.Encrypt(tempPublic, SHA256.HashData(temp.RawData), Encoding.UTF8.GetBytes("probe"), [], []));
        foreach (var (app, reference) in new[] { ("KEY_MIGRATE", "ZK_TEMP_KEY"), ("KEY_MIGRATE", "") })
        {
            var body = (await target.PostAsync("/v1/keymanager/decrypt", new { applicationId = app, referenceId = reference, timeStamp = "2025-01-01T10:00:00.000Z", data = envelope })).Body;
            Assert.Null(body["response"]);
            Assert.NotEmpty(body["errors"]!.AsArray());
        }

        var signed = (await target.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = Base64Url.Encode("{\"a\":1}"u8), applicationId = "KEY_MIGRATE", referenceId = "ZK_TEMP_KEY" })).Body;
        Assert.Null(signed["response"]);
        Assert.NotEmpty(signed["errors"]!.AsArray());

        // No certificate is served for it either: only getZKTempCertificate hands it out.
        Assert.Null((await target.GetAsync("/v1/keymanager/getCertificate?applicationId=KEY_MIGRATE&referenceId=ZK_TEMP_KEY")).Body["response"]);
    }

    [Fact]
    public async Task A_caller_without_KEY_MIGRATION_ADMIN_is_refused_and_nothing_changes()
    {
        await using var source = await TestServer.StartAsync();
        await using var target = await TestServer.StartAsync(extraArgs: NoPool, keys: Target);
        var data = await MigrationDrill.PrepareAsync(source, target);
        var token = await target.IssueTokenAsync("key-admin", ["KEY_MANAGER_ADMIN", "GLOBAL_ADMIN"]);
        using var client = new HttpClient { BaseAddress = target.Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var requests = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Post, "/v1/keymanager/migrateBaseKey", MigrationDrill.Request(data)),
            (HttpMethod.Get, "/v1/keymanager/getZKTempCertificate", null),
            (HttpMethod.Post, "/v1/keymanager/migrateZKKeys", new { zkEncryptedDataList = new[] { new { keyIndex = 3, encryptedKeyData = "AAAA" } }, purgeTempKeyFlag = true }),
        };
        foreach (var (method, path, request) in requests)
        {
            using var message = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (request is not null)
            {
                message.Content = new StringContent(TestServer.Wrap(request), Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(message);
            Assert.Equal(403, (int)response.StatusCode);
            Assert.Equal("KER-ATH-403", JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ErrorCode());
        }

        await AssertNothingStoredAsync(target);
        Assert.Empty(await target.Runtime.Store.GetAliasesAsync("KEY_MIGRATE", "ZK_TEMP_KEY", CancellationToken.None));
        Assert.Null(await ((Kavach.Keys.ZeroKnowledge.IZkKeyPoolStore)target.Runtime.Store).GetWrappedKeyAsync(3, CancellationToken.None));
    }

    private static async Task AssertNothingStoredAsync(TestServer target) =>
        Assert.Empty(await target.Runtime.Store.GetAliasesAsync(MigrationDrill.App, MigrationDrill.Ref, CancellationToken.None));

    private static string Format(DateTime local) =>
        local.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
