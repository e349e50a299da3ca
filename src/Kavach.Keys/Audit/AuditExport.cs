using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Kavach.Keys.Audit;

/// <summary>
/// The audit trail as JSON lines (docs/audit.md), one record per line with each checkpoint after the record it covers:
/// what <c>kavach audit export</c> writes and <c>GET /audit/export</c> serves. Field values are exactly as hashed, so
/// an export can be verified without the database.
/// </summary>
public static class AuditExport
{
    private const int PageSize = 5000;

    /// <summary>The lines of records <paramref name="fromSeq"/> to <paramref name="toSeq"/> (inclusive), read page by page.</summary>
    public static async IAsyncEnumerable<string> LinesAsync(
        IAuditStore store, long fromSeq, long toSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (fromSeq > toSeq)
        {
            yield break;
        }

        var checkpoints = (await store.ReadAuditCheckpointsAsync(fromSeq, toSeq, cancellationToken)).ToDictionary(c => c.Seq);
        var next = fromSeq;
        while (next <= toSeq)
        {
            var page = await store.ReadAuditRecordsAsync(next, toSeq, PageSize, cancellationToken);
            foreach (var record in page)
            {
                yield return Line(record);
                if (checkpoints.TryGetValue(record.Seq, out var checkpoint))
                {
                    yield return Line(checkpoint);
                }
            }

            if (page.Count < PageSize || page[^1].Seq == long.MaxValue)
            {
                yield break;
            }

            next = page[^1].Seq + 1;
        }
    }

    /// <summary>One record as a JSON line; field values exactly as hashed, nulls kept.</summary>
    public static string Line(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
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
    public static string Line(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return Json(writer =>
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
    }

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
