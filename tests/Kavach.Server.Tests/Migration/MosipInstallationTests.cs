using System.Text;
using System.Text.RegularExpressions;
using Kavach.Crypto;
using Kavach.Keys.Certificates;
using Kavach.Server.Tests.Pkcs11;
using Kavach.Server.Tests.Support;
using Kavach.Testing;
using Npgsql;

namespace Kavach.Server.Tests.Migration;

/// <summary>
/// Kavach started on a MOSIP key manager's installation — the database MOSIP's scripts made, MOSIP's rows, MOSIP's
/// keys on the HSM token under MOSIP's aliases and SunPKCS11's object layout — with the production options
/// (PostgreSQL store, PKCS#11 vault) serves what MOSIP left: its ciphertexts decrypt, its certificates are returned,
/// and rotation continues under MOSIP's module key (docs/migrating-from-mosip.md).
/// </summary>
[Collection(Pkcs11Collection.Name)]
public sealed class MosipInstallationTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string TimeStamp = "2025-01-01T10:00:00.000Z";
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("a MOSIP registration packet key ✓");

    [Fact]
    public async Task Kavach_serves_a_MOSIP_installation_and_rotation_continues_under_its_module_key()
    {
        var connection = await postgres.DatabaseForAsync(nameof(Kavach_serves_a_MOSIP_installation_and_rotation_continues_under_its_module_key));
        var token = await SoftHsm.CreateTokenAsync();
        var clock = new RunningClock();
        var mosip = await MosipInstallation.CreateAsync(connection, token, clock.GetUtcNow().UtcDateTime);

        // The token holds SunPKCS11's layout: no label on the private keys, no public-key objects.
        var objects = await MosipInstallation.ListObjectsAsync(token);
        Assert.DoesNotContain("Public Key Object", objects, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(objects, @"Private Key Object; RSA\s*\n\s*label:[ \t]*\n"));
        Assert.Equal(4, Regex.Count(objects, @"Certificate Object; type = X\.509 cert\s*\n\s*label:[ \t]*[0-9a-f-]{36}\n"));

        // Made by MOSIP's format, not by Kavach: to the base key (VER_R2, and the older form with AAD) and to the module key.
        var aad = Encoding.UTF8.GetBytes("packet-aad");
        var version2 = await MosipPython.EncryptVersion2Async(mosip.BaseKey.Certificate, Plaintext);
        var withAad = await MosipPython.EncryptWithAadAsync(mosip.BaseKey.Certificate, Plaintext, aad);
        var toModuleKey = await MosipPython.EncryptVersion2Async(mosip.Master.Certificate, Plaintext);

        const string Uin = "4342859176";
        var zkValue = await MosipPython.ZkEncryptAsync(7, mosip.ZkPool[7], Uin, "Priya Sharma");

        await using var server = await TestServer.StartAsync(time: clock, postgresConnection: connection, extraArgs: token.ServerArguments().ToList());

        // MOSIP's certificates are returned, not replaced.
        Assert.Equal(mosip.Root.Certificate.RawData, (await CertificateAsync(server, "ROOT", string.Empty)).RawData);
        Assert.Equal(mosip.Master.Certificate.RawData, (await CertificateAsync(server, "REGISTRATION", string.Empty)).RawData);
        Assert.Equal(mosip.BaseKey.Certificate.RawData, (await CertificateAsync(server, "REGISTRATION", MosipInstallation.BaseRefId)).RawData);

        // MOSIP's ciphertexts decrypt: the base key unwrapped from key_store with the module key in the HSM, and the module key itself.
        Assert.Equal(Base64Url.Encode(Plaintext), await DecryptAsync(server, version2, null));
        Assert.Equal(Base64Url.Encode(Plaintext), await DecryptAsync(server, withAad, Base64Url.Encode(aad)));
        Assert.Equal(Base64Url.Encode(Plaintext), await DecryptAsync(server, toModuleKey, null));

        // MOSIP's zero-knowledge pool is kept (Kavach fills only missing indexes) and its data decrypts.
        var zk = (await server.PostAsync("/v1/keymanager/zkDecrypt", new { id = Uin, zkDataAttributes = new[] { new { identifier = "name", value = zkValue } } })).Body;
        Assert.Equal("Priya Sharma", zk.Response()["zkDataAttributes"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(MosipInstallation.ZkPoolSize, await CountAsync(connection, "SELECT count(*) FROM keymgr.data_encrypt_keystore"));

        // The module keys Kavach added at start (MOSIP's job had made only REGISTRATION's and KERNEL's) are issued by MOSIP's ROOT.
        Assert.Equal(mosip.Kernel.Certificate.RawData, (await CertificateAsync(server, "KERNEL", string.Empty)).RawData);
        var added = await CertificateAsync(server, "ID_REPO", string.Empty);
        Assert.True(CertificateSignature.IsSignedBy(added, mosip.Root.Certificate));

        // MOSIP's KERNEL/SIGN is a CA (module-key profile), which Kavach never signs data with: the first signature
        // replaces it with a key issued by MOSIP's KERNEL module key, and MOSIP's row is expired, not deleted.
        var jws = (await server.PostAsync(
            "/v1/keymanager/jwtSign",
            new { dataToSign = Base64Url.Encode("{\"migrated\":true}"u8), applicationId = "KERNEL", referenceId = "SIGN", includePayload = true, includeCertificate = true })).Body.Field("jwtSignedData");
        var header = System.Text.Json.Nodes.JsonNode.Parse(FromBase64Url(jws.Split('.')[0]))!;
        var signer = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(Convert.FromBase64String(header["x5c"]![0]!.GetValue<string>()));
        Assert.NotEqual(mosip.KernelSign.Certificate.RawData, signer.RawData);
        Assert.True(CertificateSignature.IsSignedBy(signer, mosip.Kernel.Certificate));
        Assert.Equal(1, await CountAsync(connection, $"SELECT count(*) FROM keymgr.key_alias WHERE id = '{mosip.KernelSign.Alias}' AND key_expire_dtimes < now() AT TIME ZONE 'UTC'"));
        var verified = (await server.PostAsync("/v1/keymanager/jwtVerify", new { jwtSignatureData = jws, validateTrust = false })).Body;
        Assert.True(verified.Response()["signatureValid"]!.GetValue<bool>());

        // The operator's check (docs/migrating-from-mosip.md) passes: --before records, --after finds everything served.
        // Kavach stands in for MOSIP's key manager on the --before side, which only reads and encrypts a canary.
        using (var state = new TempDirectory("kavach-mosip-check"))
        {
            var before = await CheckMigrationAsync(server, connection, "--before", "--canary", "REGISTRATION:" + MosipInstallation.BaseRefId, "--state", state.File("state.json"));
            Assert.True(before.Code == 0, before.Output);
            var after = await CheckMigrationAsync(server, connection, "--after", "--state", state.File("state.json"));
            Assert.True(after.Code == 0, after.Output);
            Assert.Contains("ok   the canary made by MOSIP decrypts on Kavach", after.Output, StringComparison.Ordinal);
            Assert.Contains("ok   REGISTRATION: Kavach serves MOSIP's certificate", after.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("FAIL", after.Output, StringComparison.Ordinal);
        }

        // Rotation: past the base key's validity (MOSIP 1.2.1's 730 days, less BASE's 30 pre-expiry days) a new base
        // key is made, issued and wrapped by MOSIP's module key, which is still current and stays.
        clock.Advance(TimeSpan.FromDays(640));
        var rotated = await CertificateAsync(server, "REGISTRATION", MosipInstallation.BaseRefId);
        Assert.NotEqual(mosip.BaseKey.Certificate.RawData, rotated.RawData);
        Assert.True(CertificateSignature.IsSignedBy(rotated, mosip.Master.Certificate));
        Assert.Equal(mosip.Master.Certificate.RawData, (await CertificateAsync(server, "REGISTRATION", string.Empty)).RawData);
        Assert.Equal(mosip.Root.Certificate.RawData, (await CertificateAsync(server, "ROOT", string.Empty)).RawData);
        Assert.Equal([mosip.Master.Alias], await MasterKeysOfBaseKeysAsync(connection, except: mosip.BaseKey.Alias));

        // Old ciphertexts still decrypt after the rotation; new ones go to the new key and decrypt too.
        Assert.Equal(Base64Url.Encode(Plaintext), await DecryptAsync(server, version2, null));
        var fresh = (await server.PostAsync(
            "/v1/keymanager/encrypt",
            new { applicationId = "REGISTRATION", referenceId = MosipInstallation.BaseRefId, timeStamp = TimeStamp, data = Base64Url.Encode(Plaintext) })).Body.Field("data");
        Assert.Equal(Base64Url.Encode(Plaintext), await DecryptAsync(server, fresh, null));
    }

    private static async Task<System.Security.Cryptography.X509Certificates.X509Certificate2> CertificateAsync(TestServer server, string appId, string refId)
    {
        var (status, body) = await server.GetAsync($"/v1/keymanager/getCertificate?applicationId={appId}&referenceId={refId}");
        Assert.Equal(200, status);
        return body.Certificate();
    }

    private static async Task<string> DecryptAsync(TestServer server, string data, string? aad)
    {
        var (_, body) = await server.PostAsync(
            "/v1/keymanager/decrypt",
            new { applicationId = "REGISTRATION", referenceId = MosipInstallation.BaseRefId, timeStamp = TimeStamp, data, aad });
        return body.Field("data");
    }

    private static async Task<(int Code, string Output)> CheckMigrationAsync(TestServer server, string connectionString, params string[] arguments)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = database.Host!,
            ["PGPORT"] = database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGDATABASE"] = database.Database!,
            ["PGUSER"] = database.Username!,
            ["PGPASSWORD"] = database.Password!,
            ["KEYMANAGER_TOKEN"] = server.Client.DefaultRequestHeaders.Authorization!.Parameter!,
        };
        var script = Path.Combine(RepositoryRoot.Find(), "scripts", "mosip", "check-migration.py");
        var url = new Uri(server.Client.BaseAddress!, "v1/keymanager").ToString();
        var (code, output, error) = await ExternalTool.RunAsync("/usr/bin/python3", [script, "--url", url, .. arguments], environment: environment);
        return (code, output + error);
    }

    private static byte[] FromBase64Url(string text)
    {
        Assert.True(Base64Url.TryDecodeUrlSafe(text, out var data));
        return data;
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> MasterKeysOfBaseKeysAsync(string connectionString, string except)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT DISTINCT s.master_key FROM keymgr.key_store s JOIN keymgr.key_alias a ON a.id = s.id
            WHERE a.app_id = 'REGISTRATION' AND a.ref_id = @ref AND s.id <> @except
            """,
            connection);
        command.Parameters.AddWithValue("ref", MosipInstallation.BaseRefId);
        command.Parameters.AddWithValue("except", except);
        await using var reader = await command.ExecuteReaderAsync();
        var masters = new List<string>();
        while (await reader.ReadAsync())
        {
            masters.Add(reader.GetString(0));
        }

        return masters;
    }
}
