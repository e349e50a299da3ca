using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kavach.Keys.Audit;

namespace Kavach.Cli.Commands;

/// <summary><c>kavach audit verify</c>, <c>kavach audit export</c> and <c>kavach audit checkpoint</c> (docs/audit.md).</summary>
public static class AuditCommand
{
    private const int PageSize = 5000;

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
            var store = kavach.AuditStore;
            var checkpoints = (await store.ReadAuditCheckpointsAsync(first, last, ct)).ToDictionary(c => c.Seq);
            var next = first;
            while (next <= last)
            {
                var page = await store.ReadAuditRecordsAsync(next, last, PageSize, ct);
                foreach (var record in page)
                {
                    await console.Out.WriteLineAsync(Line(record));
                    if (checkpoints.TryGetValue(record.Seq, out var checkpoint))
                    {
                        await console.Out.WriteLineAsync(Line(checkpoint));
                    }
                }

                if (page.Count < PageSize || page[^1].Seq == long.MaxValue)
                {
                    break;
                }

                next = page[^1].Seq + 1;
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

    /// <summary>One record as a JSON line; field values exactly as hashed (docs/audit.md), nulls kept.</summary>
    internal static string Line(AuditRecord record)
    {
        var entry = record.Entry;
        return Json(writer =>
        {
            writer.WriteString("type", "record");
            writer.WriteNumber("seq", record.Seq);
            writer.WriteString("time", AuditChain.FormatTime(entry.Time));
            Write(writer, "requestId", entry.RequestId);
            Write(writer, "actor", entry.Actor);
            Write(writer, "authMethod", entry.AuthMethod);
            Write(writer, "client", entry.Client);
            Write(writer, "operation", entry.Operation);
            Write(writer, "appId", entry.AppId);
            Write(writer, "refId", entry.RefId);
            Write(writer, "keyRef", entry.KeyRef);
            Write(writer, "subject", entry.Subject);
            Write(writer, "outcome", entry.Outcome);
            if (entry.HttpStatus is { } status)
            {
                writer.WriteNumber("httpStatus", status);
            }
            else
            {
                writer.WriteNull("httpStatus");
            }

            Write(writer, "detail", entry.Detail);
            writer.WriteString("prevHash", record.PrevHash);
            writer.WriteString("hash", record.Hash);
        });
    }

    /// <summary>One checkpoint as a JSON line.</summary>
    internal static string Line(AuditCheckpoint checkpoint) => Json(writer =>
    {
        writer.WriteString("type", "checkpoint");
        writer.WriteNumber("seq", checkpoint.Seq);
        writer.WriteString("recordHash", checkpoint.RecordHash);
        writer.WriteString("time", AuditChain.FormatTime(checkpoint.CreatedAt));
        writer.WriteString("signingKeyAlias", checkpoint.SigningKeyAlias);
        writer.WriteString("certificateThumbprint", checkpoint.CertificateThumbprint);
        writer.WriteString("certificate", checkpoint.CertificatePem);
        writer.WriteString("algorithm", checkpoint.Algorithm);
        writer.WriteString("signature", checkpoint.Signature);
        Write(writer, "policyState", checkpoint.PolicyState);
        Write(writer, "macKeyAlias", checkpoint.MacKeyAlias);
        Write(writer, "mac", checkpoint.Mac);
    });

    private static void Write(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static string Json(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
