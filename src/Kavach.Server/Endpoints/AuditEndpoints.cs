using System.Text;
using Kavach.Keys.Audit;
using Kavach.Keys.Errors;
using Kavach.Server.Console;
using Kavach.Server.Endpoints.Dtos.Console;
using Kavach.Server.Http;
using Kavach.Server.OpenApi;
using Kavach.Storage.Audit;

namespace Kavach.Server.Endpoints;

/// <summary>The audit trail for the console: searching records, verifying the chain (as <c>kavach audit verify</c>) and exporting it (as <c>kavach audit export</c>).</summary>
internal static class AuditEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    /// <summary>Maps <c>/audit/records</c>, <c>/audit/verify</c> and <c>/audit/export</c>.</summary>
    public static void MapAuditEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/audit/records", async Task<Outcome<AuditRecordsResponseDto>> (
            string? from, string? to, string? actor, string? operation, string? applicationId, string? outcome, string? afterSeq, string? limit,
            IAuditQueryStore audit, CancellationToken ct) =>
        {
            var query = new ConsoleQuery();
            var start = query.Instant(from, "from");
            var end = query.Instant(to, "to");
            var search = new AuditRecordQuery(
                start,
                end,
                query.Text(actor, "actor", 256),
                query.Text(operation, "operation", 64),
                query.Text(applicationId, "applicationId", 64),
                query.Text(outcome, "outcome", 64),
                query.Number(afterSeq, "afterSeq", 0, long.MaxValue - 1, 0),
                (int)query.Number(limit, "limit", 1, MaxLimit, DefaultLimit));
            if (query.Failed)
            {
                return ClientMistake.Of<AuditRecordsResponseDto>(query.Errors);
            }

            var records = await audit.SearchAuditRecordsAsync(search with { Limit = search.Limit + 1 }, ct);
            var page = records.Take(search.Limit).Select(Dto).ToList();
            return new AuditRecordsResponseDto(page, records.Count > search.Limit ? page[^1].Seq : null);
        })
        .Describe(
            "getAuditRecords",
            ApiTags.Console,
            "Audit records matching the filters, by ascending seq",
            [ErrorCodes.InvalidRequest, ErrorCodes.InvalidQueryDate, ErrorCodes.QueryValueOutOfRange],
            description: "Oldest first (seq order): pass `next` as `afterSeq` for the next page. `limit` 1–1000 (default 100). `from`/`to` are ISO-8601 instants.");

        group.MapPost("/audit/verify", async Task<Outcome<AuditVerifyResponseDto>> (AuditTrail trail, CancellationToken ct) =>
        {
            var result = await trail.Verifier.VerifyAsync(ct);
            return new AuditVerifyResponseDto(
                result.IsValid, result.Records, result.Checkpoints, result.HeadSeq, result.FirstBadSeq, result.Problem, result.LastCheckpointSeq, result.AnchoredSeq);
        })
        .Describe(
            "verifyAudit",
            ApiTags.Console,
            "Verifies the hash chain, every signed checkpoint and the external anchor, as kavach audit verify does",
            description: "No request body is needed. Reads the whole trail: minutes on a large one.");

        group.MapGet("/audit/export", async Task<IResult> (string? from, string? to, string? fromSeq, string? toSeq, IAuditStore store, IAuditQueryStore queries, CancellationToken ct) =>
        {
            var query = new ConsoleQuery();
            var start = query.Instant(from, "from");
            var end = query.Instant(to, "to");
            var first = query.Number(fromSeq, "fromSeq", 1, long.MaxValue, 1);
            var last = query.Number(toSeq, "toSeq", 1, long.MaxValue, long.MaxValue);
            if (query.Failed)
            {
                return ClientMistake.Of<object>(query.Errors);
            }

            if (start is not null || end is not null)
            {
                var range = await queries.FindAuditSeqRangeAsync(start ?? DateTime.MinValue, end ?? DateTime.MaxValue, ct);
                (first, last) = range is { } r ? (Math.Max(first, r.First), Math.Min(last, r.Last)) : (1, 0);
            }

            return new NdjsonResult(AuditExport.LinesAsync(store, first, last, ct));
        })
        .Produces(StatusCodes.Status200OK, contentType: NdjsonResult.ContentType)
        .Describe(
            "exportAudit",
            ApiTags.Console,
            "The audit records (and the checkpoints among them) as JSON lines, the same lines as kavach audit export",
            [ErrorCodes.InvalidRequest, ErrorCodes.InvalidQueryDate, ErrorCodes.QueryValueOutOfRange],
            description: "`application/x-ndjson`, not an envelope. A contiguous seq range: `fromSeq`/`toSeq`, or the records from the first at or after `from` to the last before `to`.");
    }

    private static AuditRecordDto Dto(AuditRecord record)
    {
        var e = record.Entry;
        return new AuditRecordDto(
            record.Seq, AuditChain.FormatTime(e.Time), e.RequestId, e.Actor, e.AuthMethod, e.Client, e.Operation, e.AppId, e.RefId, e.KeyRef, e.Outcome, e.HttpStatus, e.Detail, record.Hash);
    }

    /// <summary>Streams lines as <c>application/x-ndjson</c>.</summary>
    private sealed class NdjsonResult(IAsyncEnumerable<string> lines) : IResult
    {
        public const string ContentType = "application/x-ndjson";

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = ContentType;
            var body = httpContext.Response.Body;
            await foreach (var line in lines)
            {
                await body.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), httpContext.RequestAborted);
            }
        }
    }
}
