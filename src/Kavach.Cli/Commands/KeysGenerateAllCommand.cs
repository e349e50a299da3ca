using System.CommandLine;
using Kavach.Keys.Audit;
using Kavach.Keys.Errors;
using Spectre.Console;

namespace Kavach.Cli.Commands;

/// <summary>
/// <c>kavach keys generate-all [--force]</c>: the key-generator job. Makes ROOT, KERNEL/SIGN, the module key of every
/// key policy and the symmetric start-up keys (the ZK master key) in the configured vault, through the same
/// <see cref="Kavach.Keys.Management.KeyBootstrapper"/> the server runs at its first start; idempotent, and
/// <c>--force</c> rotates every one of them.
/// </summary>
public static class KeysGenerateAllCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliConsole console)
    {
        var force = new Option<bool>("--force") { Description = "Make a new key for every entry even when a current one exists (rotation)" };
        var command = new Command(
            "generate-all",
            "Create ROOT, KERNEL/SIGN, every module key of the key policies and the ZK master key in the vault (idempotent; --force rotates them)")
        {
            force,
        };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, () => RunAsync(console, parse, parse.GetValue(force), ct)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, ParseResult parse, bool force, CancellationToken cancellationToken)
    {
        await using var kavach = await CliKavach.OpenAsync(parse, cancellationToken);
        var targets = (await kavach.Bootstrapper.PlanAsync(cancellationToken)).ToList();
        foreach (var entry in kavach.Options.KeyManager.SymmetricStartupKeys)
        {
            var parts = entry.Split(':', 2, StringSplitOptions.TrimEntries);
            targets.Add((parts[0], parts.Length > 1 ? parts[1] : string.Empty));
        }

        // What existed before tells "created" from "kept" from "rotated" afterwards.
        var before = new Dictionary<(string, string), HashSet<string>>();
        foreach (var target in targets.Distinct())
        {
            before[target] = (await kavach.Store.GetAliasesAsync(target.AppId, target.RefId, cancellationToken)).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        }

        await using var audit = await CliAudit.BeginAsync(kavach, "key.generate-all", force ? "force=true" : null, cancellationToken);
        var ansi = CreateConsole(console);
        IReadOnlyList<(string AppId, string RefId, KavachError? Error)> results = [];
        await ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"{(force ? "Rotating" : "Generating")} {targets.Count} keys in the {kavach.Vault.Kind} vault", maxValue: targets.Count);
                results = await kavach.Bootstrapper.RunAsync(force, new InlineProgress(done =>
                {
                    task.Increment(1);
                    task.Description = Markup.Escape($"{done.AppId}/{(done.RefId.Length == 0 ? "\"\"" : done.RefId)} done");
                }), cancellationToken);
                task.Description = $"{results.Count} keys checked in the {kavach.Vault.Kind} vault";
            });

        await audit.CompleteAsync(results.FirstOrDefault(r => r.Error is not null).Error?.Code ?? AuditOutcomes.Success, detail: null, cancellationToken);
        var rows = new List<IReadOnlyList<string>>();
        int created = 0, rotated = 0, kept = 0, failed = 0;
        foreach (var (appId, refId, error) in results)
        {
            var aliases = await kavach.Store.GetAliasesAsync(appId, refId, cancellationToken);
            var existing = before.GetValueOrDefault((appId, refId)) ?? [];
            var made = aliases.Where(a => !existing.Contains(a.Id)).ToList();
            string result;
            if (error is not null)
            {
                failed++;
                result = $"failed: {error.Code} {error.Message}";
            }
            else if (made.Count == 0)
            {
                kept++;
                result = "exists";
            }
            else if (existing.Count == 0)
            {
                created++;
                result = "created";
            }
            else
            {
                rotated++;
                result = "rotated";
            }

            var current = made.Count > 0 ? made[^1] : aliases.Count > 0 ? aliases[^1] : null;
            rows.Add([appId, refId, result, current?.Id ?? "-"]);
        }

        await CliOutput.WriteTableAsync(console, ["app", "ref", "result", "current alias"], rows);
        await console.Out.WriteLineAsync($"{created} created, {rotated} rotated, {kept} already current, {failed} failed ({kavach.Vault.Kind} vault).");
        return failed > 0 ? 1 : 0;
    }

    private static IAnsiConsole CreateConsole(CliConsole console)
    {
        // A live progress bar on a terminal; plain text when the output is captured (tests, pipes, CI logs).
        var terminal = ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected;
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });

        return ansi;
    }

    /// <summary>Reports on the caller's thread, before RunAsync goes on (<see cref="Progress{T}"/> would post it later).</summary>
    private sealed class InlineProgress(Action<(string AppId, string RefId)> report) : IProgress<(string AppId, string RefId)>
    {
        public void Report((string AppId, string RefId) value) => report(value);
    }
}
