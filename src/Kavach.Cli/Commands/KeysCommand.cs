using System.CommandLine;
using Kavach.Keys.Audit;
using Kavach.Hosting.Inventory;
using Kavach.Keys.Inventory;

namespace Kavach.Cli.Commands;

/// <summary><c>kavach keys list</c>, <c>kavach keys expiring</c>, <c>kavach keys bootstrap</c> and <c>kavach keys generate-all</c>.</summary>
public static class KeysCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create(CliConsole console)
    {
        var keys = new Command("keys", "Inspect and create keys");
        keys.Subcommands.Add(List(console));
        keys.Subcommands.Add(Expiring(console));
        keys.Subcommands.Add(Bootstrap(console));
        keys.Subcommands.Add(KeysGenerateAllCommand.Create(console));
        return keys;
    }

    private static Command List(CliConsole console)
    {
        var app = new Option<string?>("--app") { Description = "Only this application id" };
        var reference = new Option<string?>("--ref") { Description = "Only this reference id (\"\" for master keys)" };
        var state = new Option<string?>("--state") { Description = "Only keys in this state: " + string.Join(", ", KeyStates.All) };
        state.AcceptOnlyFromAmong([.. KeyStates.All]);
        var json = CliOptions.Json();
        var command = new Command("list", "Every key (ROOT, master, base, signing, symmetric) with its validity and state") { app, reference, state, json };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            await using var kavach = await CliKavach.OpenExistingAsync(parse, ct);
            var onlyApp = parse.GetValue(app);
            var onlyRef = parse.GetValue(reference);
            var onlyState = parse.GetValue(state);
            var rows = (await kavach.Inventory.ListAllAsync(new KeyListFilter(onlyApp, onlyRef, onlyState), ct)).ToList();
            await WriteAsync(console, rows, parse.GetValue(json));
        }));
        return command;
    }

    private static Command Expiring(CliConsole console)
    {
        var days = new Option<int>("--days") { Description = "Expiry within this many days (default 30)", DefaultValueFactory = _ => 30 };
        days.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 36_500)
            {
                result.AddError("--days must be from 0 to 36500 (100 years)");
            }
        });
        var json = CliOptions.Json();
        var command = new Command("expiring", "Active keys whose validity ends within --days, soonest first") { days, json };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            await using var kavach = await CliKavach.OpenExistingAsync(parse, ct);
            var rows = (await kavach.Inventory.ListAllAsync(new KeyListFilter(ExpiringWithinDays: parse.GetValue(days)), ct)).ToList();
            await WriteAsync(console, rows, parse.GetValue(json));
        }));
        return command;
    }

    private static Command Bootstrap(CliConsole console)
    {
        var command = new Command("bootstrap", "Create ROOT, KERNEL/SIGN and the master key of every key policy (idempotent)");
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            await using var kavach = await CliKavach.OpenAsync(parse, ct);
            await using var audit = await CliAudit.BeginAsync(kavach, "key.bootstrap", detail: null, ct);
            var results = await kavach.Bootstrapper.RunAsync(force: false, progress: null, ct);
            await audit.CompleteAsync(results.FirstOrDefault(r => r.Error is not null).Error?.Code ?? AuditOutcomes.Success, detail: null, ct);
            await CliOutput.WriteTableAsync(
                console,
                ["app", "ref", "result"],
                results.Select(r => (IReadOnlyList<string>)[r.AppId, r.RefId, r.Error is null ? "ok" : $"{r.Error.Code} {r.Error.Message}"]));
            return results.Any(r => r.Error is not null) ? 1 : 0;
        }));
        return command;
    }

    private static Task WriteAsync(CliConsole console, List<KeyRow> rows, bool json) =>
        json
            ? CliOutput.WriteJsonAsync(console, rows, CliJsonContext.Default.ListKeyRow)
            : CliOutput.WriteTableAsync(
                console,
                ["app", "ref", "alias", "kind", "generated (UTC)", "expires (UTC)", "state", "current"],
                rows.Select(row => (IReadOnlyList<string>)[row.AppId, row.RefId, row.Alias, row.Kind, row.GeneratedAt.ToString("u"), row.ExpiresAt.ToString("u"), row.State, row.Current ? "yes" : "no"]));
}
