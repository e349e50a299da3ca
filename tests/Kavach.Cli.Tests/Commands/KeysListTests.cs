using System.Text.Json;
using Kavach.Hosting.Composition;
using Kavach.Hosting.Configuration;
using Kavach.Keys.Access;
using Kavach.Keys.Audit;
using Kavach.Keys.Management;
using Kavach.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Cli.Tests.Commands;

/// <summary><c>kavach keys list</c> and <c>kavach keys expiring</c>: every key, its true state, filters, one JSON document.</summary>
public sealed class KeysListTests
{
    // Longer than any terminal: a table would wrap it, tab-separated output keeps it whole.
    private const string LongReference = "CENTER_00000000000000000000000000000000000000000000000000000000000000000000000000000001_MACHINE_000000000000000000000001";

    [Fact]
    public async Task Lists_root_master_signing_base_and_symmetric_keys_and_shows_a_revoked_key_as_revoked()
    {
        using var dir = new TempDirectory("kavach-cli-list");
        await BootstrappedData.CopyToAsync(dir.Path);
        var (baseAlias, revokedAlias) = await MakeBaseKeysAndRevokeOneAsync(dir.Path);

        var (code, output, error) = await CliRun.RunAsync("keys", "list", "--json", "--data-dir", dir.Path);

        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(output);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Contains(rows, r => Field(r, "appId") == "ROOT" && Field(r, "kind") == "root" && Field(r, "state") == "active" && r.GetProperty("current").GetBoolean());
        Assert.Contains(rows, r => Field(r, "appId") == "KERNEL" && Field(r, "refId") == "SIGN" && Field(r, "kind") == "signing");
        Assert.Contains(rows, r => Field(r, "appId") == "REGISTRATION" && Field(r, "refId") == "" && Field(r, "kind") == "master");
        Assert.Contains(rows, r => Field(r, "alias") == baseAlias && Field(r, "kind") == "base" && Field(r, "state") == "active");
        Assert.Contains(rows, r => Field(r, "appId") == "REGISTRATION" && Field(r, "refId") == "SYM_REF" && Field(r, "kind") == "symmetric");
        var revoked = Assert.Single(rows, r => Field(r, "alias") == revokedAlias);
        Assert.Equal("revoked", Field(revoked, "state"));
        Assert.False(revoked.GetProperty("current").GetBoolean());

        // Filters: by state, by application and reference.
        (code, output, error) = await CliRun.RunAsync("keys", "list", "--state", "revoked", "--json", "--data-dir", dir.Path);
        Assert.True(code == 0, error);
        using var onlyRevoked = JsonDocument.Parse(output);
        Assert.Equal(revokedAlias, Field(Assert.Single(onlyRevoked.RootElement.EnumerateArray()), "alias"));

        (code, output, _) = await CliRun.RunAsync("keys", "list", "--app", "REGISTRATION", "--ref", LongReference, "--json", "--data-dir", dir.Path);
        Assert.Equal(0, code);
        using var onlyBase = JsonDocument.Parse(output);
        Assert.Equal(baseAlias, Field(Assert.Single(onlyBase.RootElement.EnumerateArray()), "alias"));

        // Piped (not a terminal): one tab-separated line per key, nothing wrapped or cut.
        (code, output, _) = await CliRun.RunAsync("keys", "list", "--app", "REGISTRATION", "--data-dir", dir.Path);
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("app\tref\talias\tkind\tgenerated (UTC)\texpires (UTC)\tstate\tcurrent", lines[0]);
        var line = Assert.Single(lines, l => l.Contains(baseAlias, StringComparison.Ordinal));
        var cells = line.Split('\t');
        Assert.Equal(["REGISTRATION", LongReference, baseAlias, "base"], cells[..4]);
        Assert.Equal(["active", "yes"], cells[6..]);
        Assert.DoesNotContain('│', output);
    }

    [Fact]
    public async Task An_empty_result_is_an_empty_json_array()
    {
        using var dir = new TempDirectory("kavach-cli-list-empty");
        await BootstrappedData.CopyToAsync(dir.Path);

        var (code, output, error) = await CliRun.RunAsync("keys", "list", "--app", "NO_SUCH_APP", "--json", "--data-dir", dir.Path);

        Assert.True(code == 0, error);
        Assert.Equal("[]", output.Trim());
    }

    [Fact]
    public async Task Expiring_lists_active_keys_ending_within_the_days_soonest_first()
    {
        using var dir = new TempDirectory("kavach-cli-expiring");
        await BootstrappedData.CopyToAsync(dir.Path);
        var (_, all, _) = await CliRun.RunAsync("keys", "list", "--state", "active", "--json", "--data-dir", dir.Path);
        using var allKeys = JsonDocument.Parse(all);
        var now = DateTime.UtcNow;
        // 1100 days: the three-year module keys are in, ROOT (eight years) and PMS (four) are not.
        var within = allKeys.RootElement.EnumerateArray().Where(r => r.GetProperty("expiresAt").GetDateTime() <= now.AddDays(1100)).Select(r => Field(r, "alias")).ToHashSet();
        Assert.NotEmpty(within);
        Assert.Contains(allKeys.RootElement.EnumerateArray(), r => Field(r, "appId") == "ROOT" && !within.Contains(Field(r, "alias")));

        var (code, output, error) = await CliRun.RunAsync("keys", "expiring", "--days", "1100", "--json", "--data-dir", dir.Path);

        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(output);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(within, rows.Select(r => Field(r, "alias")).ToHashSet());
        var expiries = rows.Select(r => r.GetProperty("expiresAt").GetDateTime()).ToList();
        Assert.Equal(expiries.Order(), expiries);

        // The default window is 30 days: keys made today (a year or more of validity) are not in it.
        (code, output, _) = await CliRun.RunAsync("keys", "expiring", "--json", "--data-dir", dir.Path);
        Assert.Equal(0, code);
        Assert.Equal("[]", output.Trim());
    }

    [Fact]
    public async Task An_unknown_state_is_refused_with_the_states_there_are()
    {
        var (code, _, error) = await CliRun.RunAsync("keys", "list", "--state", "retired");
        Assert.Equal(2, code);
        Assert.Contains("not-yet-valid", error, StringComparison.Ordinal);
    }

    private static string? Field(JsonElement row, string name) => row.GetProperty(name).GetString();

    /// <summary>A base key, a symmetric key, and a second base key revoked as the server's <c>/revokeKey</c> records it.</summary>
    private static async Task<(string BaseAlias, string RevokedAlias)> MakeBaseKeysAndRevokeOneAsync(string dataDir)
    {
        await using var services = KavachServices.Create(new KavachOptions { DataDir = dataDir });
        var certificates = services.GetRequiredService<CertificateService>();
        var admin = Caller.Of("admin", ["KEY_MANAGER_ADMIN"]);
        Assert.True((await certificates.GetCertificateAsync("REGISTRATION", LongReference, admin, CancellationToken.None)).IsSuccess);
        Assert.True((await certificates.GetCertificateAsync("REGISTRATION", "TO_REVOKE", admin, CancellationToken.None)).IsSuccess);
        var lifecycle = services.GetRequiredService<KeyLifecycleService>();
        Assert.True((await lifecycle.GenerateSymmetricKeyAsync("REGISTRATION", "SYM_REF", force: false, CancellationToken.None)).IsSuccess);
        var store = services.GetRequiredService<Kavach.Keys.Storage.IKeyStore>();
        var baseAlias = (await store.GetAliasesAsync("REGISTRATION", LongReference, CancellationToken.None))[0].Id;
        var revokedAlias = (await store.GetAliasesAsync("REGISTRATION", "TO_REVOKE", CancellationToken.None))[0].Id;

        var scope = new AuditScope();
        AuditScope.Enter(scope);
        Assert.True((await lifecycle.RevokeKeyAsync("REGISTRATION", "TO_REVOKE", CancellationToken.None)).IsSuccess);
        AuditScope.Enter(null);
        await services.GetRequiredService<AuditTrail>().AppendAsync(
            new AuditEntry { Time = DateTime.UtcNow, Operation = "key.revoke", AppId = "REGISTRATION", RefId = "TO_REVOKE", Outcome = AuditOutcomes.Success, Detail = scope.Detail },
            CancellationToken.None);
        return (baseAlias, revokedAlias);
    }
}
