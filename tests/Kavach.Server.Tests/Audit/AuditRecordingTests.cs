using System.Net;
using System.Security.Cryptography;
using System.Text;
using Kavach.Crypto;
using Kavach.Keys.Audit;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Audit;

/// <summary>What the audit trail records over the real HTTP pipeline, and that nothing secret goes into it.</summary>
public sealed class AuditRecordingTests
{
    [Fact]
    public async Task Lifecycle_events_key_use_and_denials_are_recorded_and_the_chain_verifies()
    {
        await using var server = await TestServer.StartAsync();
        await AuditTestSupport.WaitForStartupAsync(server);
        var plaintext = RandomNumberGenerator.GetBytes(48);
        var envelope = await AuditTestSupport.EncryptAsync(server, "REGISTRATION", "audit-1", plaintext);
        var (_, decrypted) = await AuditTestSupport.DecryptAsync(server, "REGISTRATION", "audit-1", envelope);
        Assert.Equal(plaintext, Base64Url.TryDecodeUrlSafe(decrypted.Field("data"), out var bytes) ? bytes : null);
        var (_, signed) = await server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = Base64Url.Encode("{\"a\":1}"u8), applicationId = "REGISTRATION", referenceId = "" });
        Assert.NotNull(signed.Field("jwtSignedData"));
        var (_, revoked) = await server.PutAsync("/v1/keymanager/revokeKey", new { applicationId = "REGISTRATION", referenceId = "audit-1" });
        Assert.Equal("Key Revoked", revoked.Field("status"));

        using (var anonymous = new HttpClient { BaseAddress = server.Client.BaseAddress })
        {
            using var response = await anonymous.GetAsync(new Uri("/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=x", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var records = await AuditTestSupport.RecordsAsync(server);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Seq));
        Assert.Contains(records, r => r.Entry.Operation == "system.start");
        Assert.DoesNotContain(records, r => r.Entry.Operation == "crypto.encrypt");

        // The encryption made the pair's base key: recorded as a key generation by the caller, not by SYSTEM.
        var baseKey = Assert.Single(await server.Runtime.Store.GetAliasesAsync("REGISTRATION", "audit-1", CancellationToken.None));
        var generated = Assert.Single(records, r => r.Entry.Operation == AuditScope.KeyGenerateOperation && r.Entry.RefId == "audit-1");
        Assert.Equal(("REGISTRATION", "alias:" + baseKey.Id, "via=crypto.encrypt"), (generated.Entry.AppId, generated.Entry.KeyRef, generated.Entry.Detail));
        Assert.Equal(("admin", "Bearer", AuditOutcomes.Success), (generated.Entry.Actor, generated.Entry.AuthMethod, generated.Entry.Outcome));
        Assert.False(string.IsNullOrEmpty(generated.Entry.RequestId));

        // The start-up keys are SYSTEM generations.
        Assert.Contains(records, r => r.Entry is { Operation: AuditScope.KeyGenerateOperation, AppId: "ROOT", Actor: "SYSTEM", Detail: "via=system.bootstrap" });

        // The decryption names the alias whose private key it used (the service reports it, not the ciphertext).
        var decrypt = Assert.Single(records, r => r.Entry.Operation == "crypto.decrypt");
        Assert.Equal(AuditOutcomes.Success, decrypt.Entry.Outcome);
        Assert.Equal(("REGISTRATION", "audit-1"), (decrypt.Entry.AppId, decrypt.Entry.RefId));
        Assert.Equal("alias:" + baseKey.Id, decrypt.Entry.KeyRef);
        Assert.False(string.IsNullOrEmpty(decrypt.Entry.RequestId));
        Assert.False(string.IsNullOrEmpty(decrypt.Entry.Actor));
        Assert.Equal(200, decrypt.Entry.HttpStatus);

        var sign = Assert.Single(records, r => r.Entry.Operation == "sign.jwt");
        // (REGISTRATION, "") signs with REGISTRATION's data-signing key, never the module key (issue 12).
        var signer = Assert.Single(await server.Runtime.Store.GetAliasesAsync("REGISTRATION", "SIGN", CancellationToken.None));
        Assert.Equal("alias:" + signer.Id, sign.Entry.KeyRef);

        var revoke = records.Where(r => r.Entry.Operation == "key.revoke").ToList();
        Assert.Equal([AuditOutcomes.Attempt, AuditOutcomes.Success], revoke.Select(r => r.Entry.Outcome));
        Assert.Equal(revoke[0].Entry.RequestId, revoke[1].Entry.RequestId);
        Assert.Contains("revoked=", revoke[1].Entry.Detail, StringComparison.Ordinal);

        var denied = Assert.Single(records, r => r.Entry.HttpStatus == 401);
        Assert.Equal("key.get-certificate", denied.Entry.Operation);
        Assert.Equal("KER-ATH-401", denied.Entry.Outcome);
        Assert.Null(denied.Entry.Actor);

        var (code, text, _) = await AuditTestSupport.CliAsync("audit", "verify", "--data-dir", server.DataDirectory);
        Assert.True(code == 0, text);
        Assert.Contains("OK", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_made_or_rotated_inside_a_read_is_recorded_as_key_generate_with_the_reader_as_actor()
    {
        await using var server = await TestServer.StartAsync();
        await AuditTestSupport.WaitForStartupAsync(server);
        Assert.Equal(200, await GetCertificateAsync(server, "reader-1", "implicit"));
        var first = Assert.Single(await server.Runtime.Store.GetAliasesAsync("REGISTRATION", "implicit", CancellationToken.None));

        // Inside the base key's pre-expiry window the next read rotates it.
        server.Time.SetUtcNow(new DateTimeOffset(first.ExpiresAt.AddDays(-29), TimeSpan.Zero));
        Assert.Equal(200, await GetCertificateAsync(server, "reader-1", "implicit"));
        var second = Assert.Single(await server.Runtime.Store.GetAliasesAsync("REGISTRATION", "implicit", CancellationToken.None), a => a.Id != first.Id);

        var records = await AuditTestSupport.RecordsAsync(server);
        var generations = records.Where(r => r.Entry.Operation == AuditScope.KeyGenerateOperation && r.Entry.RefId == "implicit").ToList();
        Assert.Equal(["alias:" + first.Id, "alias:" + second.Id], generations.Select(r => r.Entry.KeyRef));
        Assert.Equal(["via=key.get-certificate", "via=key.get-certificate rotation=true"], generations.Select(r => r.Entry.Detail));
        Assert.All(generations, r => Assert.Equal(("reader-1", "REGISTRATION", AuditOutcomes.Success), (r.Entry.Actor, r.Entry.AppId, r.Entry.Outcome)));
        Assert.NotEqual(generations[0].Entry.RequestId, generations[1].Entry.RequestId);

        // The reads themselves are not recorded (only denials are, for getCertificate).
        Assert.DoesNotContain(records, r => r.Entry.Operation == "key.get-certificate");
        var (code, text, _) = await AuditTestSupport.CliAsync("audit", "verify", "--data-dir", server.DataDirectory);
        Assert.True(code == 0, text);
    }

    [Fact]
    public async Task A_key_policy_change_is_recorded_under_the_next_checkpoint()
    {
        await using var server = await TestServer.StartAsync();
        await AuditTestSupport.WaitForStartupAsync(server);

        await server.Runtime.Store.UpsertPolicyAsync(new Kavach.Keys.Storage.KeyPolicy("AUDIT_NEW_APP", 365, 30, true, "NA"), CancellationToken.None);
        await server.Runtime.Store.UpsertPolicyAsync(new Kavach.Keys.Storage.KeyPolicy("RESIDENT", 1095, 60, true, "resident-user"), CancellationToken.None);
        var checkpoint = await server.Runtime.Audit.CheckpointAsync(CancellationToken.None);

        var change = Assert.Single(await AuditTestSupport.RecordsAsync(server), r => r.Entry.Operation == AuditCheckpointer.PolicyChangeOperation);
        Assert.Equal("changed=RESIDENT added=AUDIT_NEW_APP", change.Entry.Detail);
        Assert.Equal(change.Seq, checkpoint!.Seq);
        Assert.Null(await server.Runtime.Audit.CheckpointAsync(CancellationToken.None));
    }

    private static async Task<int> GetCertificateAsync(TestServer server, string subject, string refId)
    {
        var token = await server.IssueTokenAsync(subject, ["REGISTRATION_PROCESSOR"]);
        using var client = new HttpClient { BaseAddress = server.Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync(new Uri($"/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId={refId}", UriKind.Relative));
        return (int)response.StatusCode;
    }
}
