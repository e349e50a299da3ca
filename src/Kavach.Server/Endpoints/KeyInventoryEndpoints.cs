using Kavach.Hosting.Inventory;
using Kavach.Keys.Errors;
using Kavach.Keys.Inventory;
using Kavach.Server.Console;
using Kavach.Server.Endpoints.Dtos.Console;
using Kavach.Server.Http;
using Kavach.Server.OpenApi;
using Kavach.Storage.Audit;
using Kavach.Storage.Inventory;

namespace Kavach.Server.Endpoints;

/// <summary>The console's key inventory: counts by application or reference, pages of keys, and key use from the audit trail.</summary>
internal static class KeyInventoryEndpoints
{
    private const int DefaultLimit = 100;
    private const int UsageLimit = 1000;

    /// <summary>Maps <c>/keys/groups</c>, <c>/keys</c> and <c>/keys/usage</c>.</summary>
    public static void MapKeyInventoryEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/keys/groups", async Task<Outcome<KeyGroupsResponseDto>> (string? applicationId, KeyInventory inventory, CancellationToken ct) =>
        {
            var query = new ConsoleQuery();
            var app = query.Text(applicationId, "applicationId", 36);
            if (query.Failed)
            {
                return ClientMistake.Of<KeyGroupsResponseDto>(query.Errors);
            }

            var groups = await inventory.GroupsAsync(app, ct);
            return new KeyGroupsResponseDto([.. groups.Select(Dto)]);
        })
        .Describe(
            "getKeyGroups",
            ApiTags.Console,
            "Keys counted by state: one row per application, or per reference id of `applicationId`",
            [ErrorCodes.InvalidRequest],
            description: "Counted by the database (GROUP BY). `referenceId` is \"\" for the module key's own reference.");

        group.MapGet("/keys", async Task<Outcome<KeyListResponseDto>> (
            string? applicationId, string? referenceId, string? state, string? expiringWithinDays, string? after, string? limit, KeyInventory inventory, CancellationToken ct) =>
        {
            var query = new ConsoleQuery();
            var app = query.Text(applicationId, "applicationId", 36);
            var reference = referenceId is null ? null : query.Text(referenceId, "referenceId", 128) ?? string.Empty;
            var days = expiringWithinDays is null ? (int?)null : (int)query.Number(expiringWithinDays, "expiringWithinDays", 0, 36_500, 0);
            var size = (int)query.Number(limit, "limit", 1, KeyInventory.MaxPageSize, DefaultLimit);
            var wanted = state is null ? null : StateOf(state);
            if (state is not null && wanted is null)
            {
                query.Add(ErrorCodes.UnknownKeyState);
            }

            if (after is not null && (after.Length == 0 || !KeyInventoryCursor.TryDecode(after, out _)))
            {
                query.Add(ErrorCodes.InvalidPageCursor);
            }

            if (query.Failed)
            {
                return ClientMistake.Of<KeyListResponseDto>(query.Errors);
            }

            var page = await inventory.ListAsync(new KeyListFilter(app, reference, wanted, days), after, size, ct);
            return new KeyListResponseDto([.. page.Keys.Select(Dto)], page.Next);
        })
        .Describe(
            "getKeys",
            ApiTags.Console,
            "One page of keys with kind, state, validity, certificate and where the private key lives",
            [ErrorCodes.InvalidRequest, ErrorCodes.UnknownKeyState, ErrorCodes.QueryValueOutOfRange, ErrorCodes.InvalidPageCursor],
            description: "Keyset paging: pass `next` as `after`. `limit` 1–1000 (default 100). `state` is ACTIVE, EXPIRED, REVOKED or FUTURE. " +
                "`expiringWithinDays` lists the active keys whose validity ends within that many days, soonest first (the expiry timeline); otherwise by application, reference, oldest first.");

        group.MapGet("/keys/usage", async Task<Outcome<KeyUsageResponseDto>> (
            string? from, string? to, string? applicationId, string? referenceId, string? actor, IAuditQueryStore audit, TimeProvider time, CancellationToken ct) =>
        {
            var query = new ConsoleQuery();
            var window = ConsoleWindow.Of(query, from, to, time.GetUtcNow().UtcDateTime);
            var app = query.Text(applicationId, "applicationId", 64);
            var reference = query.Text(referenceId, "referenceId", 128);
            var who = query.Text(actor, "actor", 256);
            if (query.Failed || window is not { } w)
            {
                return ClientMistake.Of<KeyUsageResponseDto>(query.Errors);
            }

            var rows = await audit.CountKeyUsageAsync(new KeyUsageQuery(w.From, w.To, KeyUsageOperations.All, app, reference, who, UsageLimit), ct);
            return new KeyUsageResponseDto(
                MosipTime.Format(w.From),
                MosipTime.Format(w.To),
                [.. rows.Select(row => new KeyUsageDto(row.AppId, row.RefId, row.KeyRef, row.Actor, row.Operation, row.Count, row.Failures, MosipTime.Format(row.LastUse)))]);
        })
        .Describe(
            "getKeyUsage",
            ApiTags.Console,
            "Key use from the audit trail in [from, to): per application, reference, key, actor and operation, the count, failures and last use",
            [ErrorCodes.InvalidRequest, ErrorCodes.InvalidQueryDate, ErrorCodes.InvalidQueryWindow],
            description: "ISO-8601 `from`/`to` (UTC unless an offset is given); default the last 7 days, at most 400. Counts key use and key lifecycle operations (not ATTEMPT records), " +
                "aggregated by the database; at most 1000 rows, most used first.");
    }

    private static string? StateOf(string state) => state.ToUpperInvariant() switch
    {
        "ACTIVE" => KeyStates.Active,
        "EXPIRED" => KeyStates.Expired,
        "REVOKED" => KeyStates.Revoked,
        "FUTURE" => KeyStates.NotYetValid,
        _ => null,
    };

    private static string WireState(string state) => state switch
    {
        KeyStates.Active => "ACTIVE",
        KeyStates.Expired => "EXPIRED",
        KeyStates.Revoked => "REVOKED",
        _ => "FUTURE",
    };

    private static string WireKind(string kind) => kind switch
    {
        KeyKinds.Root => "ROOT",
        KeyKinds.Master => "MODULE",
        KeyKinds.Base => "BASE",
        KeyKinds.Signing => "SIGN",
        _ => "SYMMETRIC",
    };

    private static KeyGroupDto Dto(KeyGroupCount group) => new(
        group.AppId,
        group.RefId,
        group.RefId is null ? group.ReferenceCount : null,
        group.KeyCount,
        group.Active,
        group.Expired,
        group.Revoked,
        group.NextExpiry is { } next ? MosipTime.Format(next) : null,
        group.MasterAlias);

    private static KeyDto Dto(KeyInventoryEntry entry)
    {
        var row = entry.Row;
        var (subject, serial) = CertificateFacts.Of(entry.CertificatePem);
        return new KeyDto(
            row.Alias,
            row.AppId,
            row.RefId,
            WireKind(row.Kind),
            WireState(row.State),
            MosipTime.Format(row.GeneratedAt),
            MosipTime.Format(row.ExpiresAt),
            row.Thumbprint,
            entry.IssuerAlias,
            subject,
            serial,
            entry.InVault);
    }
}
