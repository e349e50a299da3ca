using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Cli.Commands;
using Kavach.Keys.Audit;
using Kavach.Hosting.Composition;
using Kavach.Keys.Storage;
using Microsoft.Extensions.DependencyInjection;
using Kavach.Hosting.Configuration;
using Kavach.Testing;

namespace Kavach.Cli.Tests.Commands;

/// <summary>Commands that change keys, trust or access write to the same audit chain as the server, as <c>cli:&lt;user&gt;</c>.</summary>
public sealed class CliAuditTests
{
    private static readonly string Actor = "cli:" + Environment.UserName;

    [Fact]
    public async Task Bootstrap_upload_and_token_issue_are_recorded_and_the_chain_verifies()
    {
        using var dir = new TempDirectory("kavach-cli-audit");
        var data = dir.File("data");
        var (code, output, error) = await CliRun.RunAsync("keys", "bootstrap", "--data-dir", data);
        Assert.True(code == 0, error + output);

        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=CLI Audit Root,O=Audit Trust,C=IN", rootKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        await File.WriteAllTextAsync(dir.File("root.pem"), root.ExportCertificatePem());
        (code, _, error) = await CliRun.RunAsync("trust", "upload-ca", "--domain", "AUTH", "--file", dir.File("root.pem"), "--data-dir", data);
        Assert.True(code == 0, error);

        (code, output, error) = await CliRun.RunAsync("token", "issue", "--sub", "alice", "--roles", "KEY_MANAGER_ADMIN", "--ttl", "1h", "--data-dir", data);
        Assert.True(code == 0, error);
        var token = output.Trim();

        var records = await RecordsAsync(data);

        // keys bootstrap: ATTEMPT, then one key.generate per key it made (same request id, same actor), then the outcome.
        var bootstrap = records.Where(r => r.Entry.Operation == "key.bootstrap").ToList();
        Assert.Equal([AuditOutcomes.Attempt, AuditOutcomes.Success], bootstrap.Select(r => r.Entry.Outcome));
        Assert.All(bootstrap, r => Assert.Equal((Actor, "OS"), (r.Entry.Actor, r.Entry.AuthMethod)));
        var requestId = bootstrap[0].Entry.RequestId;
        Assert.StartsWith("cli-", requestId, StringComparison.Ordinal);
        Assert.Equal(requestId, bootstrap[1].Entry.RequestId);
        var generated = records.Where(r => r.Entry.Operation == AuditScope.KeyGenerateOperation && r.Entry.RequestId == requestId).ToList();
        var rootAlias = Assert.Single(await AliasesAsync(data, "ROOT", string.Empty));
        Assert.Contains(generated, r => r.Entry.AppId == "ROOT" && r.Entry.KeyRef == "alias:" + rootAlias && r.Entry.Detail == "via=key.bootstrap");
        Assert.Contains(generated, r => r.Entry is { AppId: "KERNEL", RefId: "SIGN" });
        Assert.All(generated, r => Assert.Equal(Actor, r.Entry.Actor));
        Assert.All(generated, r => Assert.InRange(r.Seq, bootstrap[0].Seq + 1, bootstrap[1].Seq - 1));

        var upload = records.Where(r => r.Entry.Operation == "trust.upload.ca").ToList();
        Assert.Equal([AuditOutcomes.Attempt, AuditOutcomes.Success], upload.Select(r => r.Entry.Outcome));
        Assert.Equal("domain=AUTH status=Upload_Success.", upload[1].Entry.Detail);
        Assert.Equal(Actor, upload[1].Entry.Actor);

        // token issue: recorded with the subject, roles and lifetime and the key that signed it, never the token.
        var issued = records.Where(r => r.Entry.Operation == "token.issue").ToList();
        Assert.Equal(AuditOutcomes.Success, issued[^1].Entry.Outcome);
        Assert.Equal("sub=alice roles=KEY_MANAGER_ADMIN ttl=3600s", issued[^1].Entry.Detail);
        Assert.StartsWith("alias:", issued[^1].Entry.KeyRef, StringComparison.Ordinal);
        var signature = token.Split('.')[2];
        Assert.DoesNotContain(records, r => Encoding.UTF8.GetString(AuditChain.CanonicalBytes(r.Seq, r.Entry, r.PrevHash)).Contains(signature, StringComparison.Ordinal));

        (code, output, error) = await CliRun.RunAsync("audit", "verify", "--data-dir", data);
        Assert.True(code == 0, output + error);
        Assert.Contains("OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_command_records_its_error_code()
    {
        using var dir = new TempDirectory("kavach-cli-audit");
        var (code, _, _) = await CliRun.RunAsync("zk", "pool", "generate", "--size", "5", "--data-dir", dir.Path);
        Assert.Equal(1, code);

        var pool = (await RecordsAsync(dir.Path)).Where(r => r.Entry.Operation == "zk.pool.generate").ToList();
        Assert.Equal(2, pool.Count);
        Assert.Equal(AuditOutcomes.Attempt, pool[0].Entry.Outcome);
        Assert.StartsWith("KER-", pool[1].Entry.Outcome, StringComparison.Ordinal);
        Assert.Equal("size=5", pool[1].Entry.Detail);
        Assert.Equal(0, (await CliRun.RunAsync("audit", "verify", "--data-dir", dir.Path)).ExitCode);
    }

    [Fact]
    public async Task A_command_that_crashes_after_its_attempt_still_leaves_an_outcome_and_its_exception()
    {
        using var dir = new TempDirectory("kavach-cli-audit");
        await using (var kavach = await CliKavach.OpenAsync(dir.Path, CancellationToken.None))
        {
            var crash = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            {
                await using var audit = await CliAudit.BeginAsync(kavach, "test.crash", "step=1", CancellationToken.None);
                throw new InvalidOperationException("crashed between ATTEMPT and outcome");
            });
            Assert.Equal("crashed between ATTEMPT and outcome", crash.Message);
        }

        var records = (await RecordsAsync(dir.Path)).Where(r => r.Entry.Operation == "test.crash").ToList();
        Assert.Equal([AuditOutcomes.Attempt, AuditOutcomes.Error], records.Select(r => r.Entry.Outcome));
        Assert.Equal(records[0].Entry.RequestId, records[1].Entry.RequestId);
        Assert.Equal("step=1 aborted=true", records[1].Entry.Detail);
        Assert.Equal(0, (await CliRun.RunAsync("audit", "verify", "--data-dir", dir.Path)).ExitCode);
    }

    [Fact]
    public async Task A_completed_command_gets_exactly_one_outcome()
    {
        using var dir = new TempDirectory("kavach-cli-audit");
        await using (var kavach = await CliKavach.OpenAsync(dir.Path, CancellationToken.None))
        {
            await using var audit = await CliAudit.BeginAsync(kavach, "test.done", null, CancellationToken.None);
            await audit.CompleteAsync(AuditOutcomes.Success, null, CancellationToken.None);
        }

        var records = (await RecordsAsync(dir.Path)).Where(r => r.Entry.Operation == "test.done").ToList();
        Assert.Equal([AuditOutcomes.Attempt, AuditOutcomes.Success], records.Select(r => r.Entry.Outcome));
    }

    private static async Task<IReadOnlyList<AuditRecord>> RecordsAsync(string dataDirectory)
    {
        await using var kavach = await OpenAsync(dataDirectory);
        return await kavach.GetRequiredService<IAuditStore>().ReadAuditRecordsAsync(long.MinValue, long.MaxValue, int.MaxValue, CancellationToken.None);
    }

    private static async Task<IReadOnlyList<string>> AliasesAsync(string dataDirectory, string appId, string refId)
    {
        await using var kavach = await OpenAsync(dataDirectory);
        return (await kavach.GetRequiredService<IKeyStore>().GetAliasesAsync(appId, refId, CancellationToken.None)).Select(a => a.Id).ToList();
    }

    private static Task<ServiceProvider> OpenAsync(string dataDirectory) =>
        Task.FromResult(KavachServices.Create(new KavachOptions { DataDir = dataDirectory }));
}
