using System.Security.Cryptography;
using Kavach.Crypto;
using Kavach.Keys.Audit;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Audit;

/// <summary>A request whose audit record cannot be written fails with 503 and releases nothing; lifecycle operations do not even start.</summary>
public sealed class AuditFailClosedTests
{
    [Fact]
    public async Task Without_an_audit_table_decrypt_answers_503_without_the_plaintext_and_revoke_does_not_happen()
    {
        await using var server = await TestServer.StartAsync();
        var plaintext = RandomNumberGenerator.GetBytes(32);
        var envelope = await AuditTestSupport.EncryptAsync(server, "REGISTRATION", "fail-closed", plaintext);
        var (okStatus, ok) = await AuditTestSupport.DecryptAsync(server, "REGISTRATION", "fail-closed", envelope);
        Assert.Equal(200, okStatus);
        var aliasBefore = (await server.Runtime.Store.GetAliasesAsync("REGISTRATION", "fail-closed", CancellationToken.None)).Single();

        await AuditTestSupport.SqliteAsync(server.DataDirectory, "ALTER TABLE audit_log RENAME TO audit_log_away");
        try
        {
            var (status, body) = await AuditTestSupport.DecryptAsync(server, "REGISTRATION", "fail-closed", envelope);
            Assert.Equal(503, status);
            Assert.Equal("KER-KMS-500", body.ErrorCode());
            Assert.DoesNotContain(Base64Url.Encode(plaintext), body.ToJsonString(), StringComparison.Ordinal);

            var (revokeStatus, revoke) = await server.PutAsync("/v1/keymanager/revokeKey", new { applicationId = "REGISTRATION", referenceId = "fail-closed" });
            Assert.Equal(503, revokeStatus);
            Assert.Equal("KER-KMS-500", revoke.ErrorCode());
            var aliasAfter = (await server.Runtime.Store.GetAliasesAsync("REGISTRATION", "fail-closed", CancellationToken.None)).Single();
            Assert.Equal(aliasBefore.ExpiresAt, aliasAfter.ExpiresAt);
        }
        finally
        {
            await AuditTestSupport.SqliteAsync(server.DataDirectory, "ALTER TABLE audit_log_away RENAME TO audit_log");
        }

        // Recording resumes on the same chain.
        var (againStatus, again) = await AuditTestSupport.DecryptAsync(server, "REGISTRATION", "fail-closed", envelope);
        Assert.Equal(200, againStatus);
        Assert.Equal(Base64Url.Encode(plaintext), again.Field("data"));
        var result = await server.Runtime.Audit.Verifier.VerifyAsync(CancellationToken.None);
        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(2, (await AuditTestSupport.RecordsAsync(server)).Count(r => r.Entry.Operation == "crypto.decrypt" && r.Entry.Outcome == AuditOutcomes.Success));
    }
}
