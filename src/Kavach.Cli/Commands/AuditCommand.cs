using System.CommandLine;
using System.Globalization;
using Kavach.Keys.Audit;

namespace Kavach.Cli.Commands;

/// <summary><c>kavach audit verify</c>, <c>kavach audit export</c> and <c>kavach audit checkpoint</c> (docs/audit.md).</summary>
public static class AuditCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create(CliConsole console)
    {
        var audit = new Command("audit", "The tamper-evident audit trail");
        audit.Subcommands.Add(Verify(console));
        audit.Subcommands.Add(Export(console));
        audit.Subcommands.Add(Checkpoint(console));
        return audit;
    }

    private static Command Verify(CliConsole console)
    {
        var command = new Command("verify", "Check the hash chain and every signed checkpoint; name the first bad record (exit 1)");
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            await using var kavach = await CliKavach.OpenExistingAsync(parse, ct);
            var result = await kavach.Audit.Verifier.VerifyAsync(ct);
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"records: {result.Records} (head {result.HeadSeq}); checkpoints verified: {result.Checkpoints}, last at record {result.LastCheckpointSeq}; not yet under a checkpoint: {result.UncoveredRecords}; anchored outside the database up to record {result.AnchoredSeq}"));
            if (!result.IsValid)
            {
                await console.Out.WriteLineAsync(result.FirstBadSeq is > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"FAILED at record {result.FirstBadSeq}: {result.Problem}")
                    : $"FAILED: {result.Problem}");
                return 1;
            }

            await console.Out.WriteLineAsync("OK");
            return 0;
        }));
        return command;
    }

    private static Command Export(CliConsole console)
    {
        var from = new Option<long?>("--from") { Description = "First record (default 1)" };
        var to = new Option<long?>("--to") { Description = "Last record (default: the head)" };
        var command = new Command("export", "Write records (and the checkpoints among them) as JSON lines") { from, to };
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            var first = parse.GetValue(from) ?? 1;
            var last = parse.GetValue(to) ?? long.MaxValue;
            if (first > last)
            {
                throw new CliFailureException("--from is after --to");
            }

            await using var kavach = await CliKavach.OpenExistingAsync(parse, ct);
            await foreach (var line in AuditExport.LinesAsync(kavach.AuditStore, first, last, ct))
            {
                await console.Out.WriteLineAsync(line);
            }
        }));
        return command;
    }

    private static Command Checkpoint(CliConsole console)
    {
        var command = new Command("checkpoint", "Sign a checkpoint of the records not yet covered by one now");
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            await using var kavach = await CliKavach.OpenAsync(parse, ct);
            var checkpoint = await kavach.Audit.CheckpointAsync(ct);
            await console.Out.WriteLineAsync(checkpoint is null
                ? "nothing to checkpoint"
                : string.Create(CultureInfo.InvariantCulture, $"checkpoint at record {checkpoint.Seq} ({checkpoint.RecordHash}) signed by {checkpoint.CertificateThumbprint}"));
        }));
        return command;
    }
}
