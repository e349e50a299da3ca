using System.Text;
using Kavach.Crypto;
using Kavach.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Kavach.Server.Tests.Audit;

/// <summary>No UIN, plaintext, PIN, key or token is stored in the audit tables: identities appear only as keyed hashes.</summary>
public sealed class AuditSecretsTests
{
    [Fact]
    public async Task Audit_rows_hold_no_identity_plaintext_pin_or_token()
    {
        await using var server = await TestServer.StartAsync();
        const string uin = "7583920461";
        const string plaintext = "secret-attribute-value-5731";
        const string pin = "918273";
        var token = server.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        await server.Runtime.Store.UpsertPolicyAsync(new Kavach.Keys.Storage.KeyPolicy("IDA", 1095, 60, true, "NA"), CancellationToken.None);
        server.Runtime.Policies.Invalidate();
        await server.PostAsync("/v1/keymanager/generateMasterKey/CERTIFICATE", new { applicationId = "IDA", referenceId = "" });
        Assert.NotNull((await server.GetAsync("/v1/keymanager/getCertificate?applicationId=IDA&referenceId=PUBLIC_KEY")).Body.Field("certificate"));

        var (_, zk) = await server.PostAsync("/v1/keymanager/zkEncrypt", new { id = uin, zkDataAttributes = new[] { new { identifier = "name", value = plaintext } } });
        var encrypted = zk.Response()["zkDataAttributes"]![0]!["value"]!.GetValue<string>();
        var (_, decrypted) = await server.PostAsync("/v1/keymanager/zkDecrypt", new { id = uin, zkDataAttributes = new[] { new { identifier = "name", value = encrypted } } });
        Assert.Equal(plaintext, decrypted.Response()["zkDataAttributes"]![0]!["value"]!.GetValue<string>());

        var data = Base64Url.Encode(Encoding.UTF8.GetBytes(plaintext));
        var envelope = await AuditTestSupport.EncryptAsync(server, "REGISTRATION", "secrets", Encoding.UTF8.GetBytes(plaintext));
        await AuditTestSupport.DecryptAsync(server, "REGISTRATION", "secrets", envelope);
        var (_, pinned) = await server.PostAsync("/v1/keymanager/encryptWithPin", new { data = plaintext, userPin = pin });
        await server.PostAsync("/v1/keymanager/decryptWithPin", new { data = pinned.Field("data"), userPin = pin });
        await server.GetAsync($"/v1/keymanager/tokenid/{uin}/partner-1");

        var records = await AuditTestSupport.RecordsAsync(server);
        var zkRecords = records.Where(r => r.Entry.Operation is "zk.encrypt" or "zk.decrypt").ToList();
        Assert.Equal(2, zkRecords.Count);
        Assert.All(zkRecords, r => Assert.NotNull(r.Entry.Subject));
        Assert.Single(zkRecords.Select(r => r.Entry.Subject).Distinct());
        Assert.Contains(records, r => r.Entry.Operation == "crypto.pin-decrypt");

        // Every text of both audit tables, read behind the store's back.
        var everything = await DumpAsync(server.DataDirectory);
        foreach (var secret in new[] { uin, plaintext, data, pin, token, envelope[..40] })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    private static async Task<string> DumpAsync(string dataDirectory)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "kavach.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync();
        var text = new StringBuilder();
        foreach (var table in new[] { "audit_log", "audit_checkpoint" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }
}
