using System.CommandLine;
using System.Text.Json;
using Kavach.Keys.Audit;
using Kavach.Keys.Policy;
using Spectre.Console;

namespace Kavach.Cli.Commands;

/// <summary><c>kavach keys list</c> and <c>kavach keys bootstrap</c>.</summary>
public static class KeysCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create(CliConsole console)
    {
        var keys = new Command("keys", "Inspect and create keys");
        keys.Subcommands.Add(List(console));
        keys.Subcommands.Add(Bootstrap(console));
        keys.Subcommands.Add(KeysGenerateAllCommand.Create(console));
        return keys;
    }

    private static Command List(CliConsole console)
    {
        var app = new Option<string?>("--app") { Description = "Only this application id" };
        var reference = new Option<string?>("--ref") { Description = "Only this reference id (\"\" for master keys)" };
        var json = CliOptions.Json();
        var command = new Command("list", "List key aliases with their validity and status") { app, reference, json };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            await using var kavach = await CliKavach.OpenAsync(parse, ct);
            var policies = await kavach.Policies.GetAllAsync(ct);
            var now = kavach.Ring.Now;
            var pairs = parse.GetValue(app) is { } onlyApp
                ? [(onlyApp, parse.GetValue(reference))]
                : policies.Keys.Order(StringComparer.Ordinal).Select(a => (a, (string?)null)).Prepend(("KERNEL", (string?)"SIGN")).ToList();
            var rows = new List<KeyRow>();
            foreach (var (appId, refId) in pairs)
            {
                var aliases = refId is null
                    ? (await kavach.Store.GetMasterAliasesAsync(ct)).Where(a => a.AppId == appId)
                    : await kavach.Store.GetAliasesAsync(appId, refId, ct);
                foreach (var alias in aliases)
                {
                    var pre = KeyValidity.PreExpireDays(alias.AppId, alias.RefId, policies.GetValueOrDefault);
                    var status = KeyValidity.IsCurrent(alias, now, pre) ? "current" : KeyValidity.IsUnexpired(alias, now) ? "retired" : "expired";
                    rows.Add(new KeyRow(alias.AppId, alias.RefId, alias.Id, alias.GeneratedAt, alias.ExpiresAt, alias.CertThumbprint, status));
                }
            }

            if (parse.GetValue(json))
            {
                foreach (var row in rows)
                {
                    await console.Out.WriteLineAsync(JsonSerializer.Serialize(row, CliJsonContext.Default.KeyRow));
                }

                return 0;
            }

            var table = new Table().AddColumns("app", "ref", "alias", "generated (UTC)", "expires (UTC)", "status");
            foreach (var row in rows)
            {
                table.AddRow(Markup.Escape(row.AppId), Markup.Escape(row.RefId), row.Alias, row.GeneratedAt.ToString("u"), row.ExpiresAt.ToString("u"), row.Status);
            }

            Render(console, table);
            return 0;
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
            var table = new Table().AddColumns("app", "ref", "result");
            foreach (var (appId, refId, error) in results)
            {
                table.AddRow(Markup.Escape(appId), Markup.Escape(refId), error is null ? "ok" : Markup.Escape($"{error.Code} {error.Message}"));
            }

            Render(console, table);
            return results.Any(r => r.Error is not null) ? 1 : 0;
        }));
        return command;
    }

    private static void Render(CliConsole console, Table table)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Out), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        ansi.Write(table);
    }
}
