using Kavach.Keys.Inventory;
using Kavach.Keys.Policy;
using Kavach.Storage.Inventory;

namespace Kavach.Hosting.Inventory;

/// <summary>
/// The key inventory operators see (<c>kavach keys list|expiring</c>, the console's <c>/keys</c> and <c>/keys/groups</c>):
/// every key with its true state (<see cref="KeyStates"/>) and kind (<see cref="KeyKinds"/>). The database filters,
/// counts and pages; revoked keys come from the audit trail (<see cref="RevokedKeyIndex"/>).
/// </summary>
public sealed class KeyInventory
{
    /// <summary>The largest page.</summary>
    public const int MaxPageSize = 1000;

    private readonly IKeyInventoryStore _store;
    private readonly RevokedKeyIndex _revoked;
    private readonly KeyPolicyCatalog _policies;
    private readonly TimeProvider _time;

    /// <summary>Creates the inventory over the store.</summary>
    public KeyInventory(IKeyInventoryStore store, RevokedKeyIndex revoked, KeyPolicyCatalog policies, TimeProvider time)
    {
        _store = store;
        _revoked = revoked;
        _policies = policies;
        _time = time;
    }

    /// <summary>The state names <see cref="KeyListFilter.State"/> accepts.</summary>
    public static IReadOnlyList<string> States => KeyStates.All;

    /// <summary>One page of keys matching <paramref name="filter"/>, after <paramref name="after"/> (a <see cref="KeyInventoryPage.Next"/>).</summary>
    /// <exception cref="ArgumentException">A state, cursor or limit the caller should have checked.</exception>
    public async Task<KeyInventoryPage> ListAsync(KeyListFilter filter, string? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        KeyAliasCursor? cursor = null;
        if (after is not null && !KeyInventoryCursor.TryDecode(after, out cursor))
        {
            throw new ArgumentException("not a cursor of this inventory", nameof(after));
        }

        var clock = await ClockAsync(cancellationToken);
        var policies = await _policies.GetAllAsync(cancellationToken);
        var rows = await _store.ListKeysAsync(
            new KeyAliasQuery(
                clock,
                filter.AppId,
                filter.RefId,
                filter.State is null ? null : StateOf(filter.State),
                filter.ExpiringWithinDays is { } days ? clock.Now.AddDays(days) : null,
                cursor,
                limit + 1),
            cancellationToken);
        var revoked = clock.Revoked as IReadOnlySet<string> ?? clock.Revoked.ToHashSet(StringComparer.Ordinal);
        var entries = rows.Take(limit).Select(detail =>
        {
            var alias = detail.Alias;
            var state = KeyStates.Of(alias, clock.Now, revoked);
            var pre = KeyValidity.PreExpireDays(alias.AppId, alias.RefId, policies.GetValueOrDefault);
            var row = new KeyRow(
                alias.AppId,
                alias.RefId,
                alias.Id,
                KeyKinds.Of(alias),
                DateTime.SpecifyKind(alias.GeneratedAt, DateTimeKind.Utc),
                DateTime.SpecifyKind(alias.ExpiresAt, DateTimeKind.Utc),
                alias.CertThumbprint,
                state,
                state == KeyStates.Active && KeyValidity.IsCurrent(alias, clock.Now, pre));
            return new KeyInventoryEntry(row, detail.InVault ? null : detail.MasterKeyAlias, detail.CertificatePem, detail.InVault);
        }).ToList();
        return new KeyInventoryPage(entries, rows.Count > limit ? KeyInventoryCursor.Encode(entries[^1].Row) : null);
    }

    /// <summary>Every key matching <paramref name="filter"/>, page by page (the command line lists them all).</summary>
    public async Task<IReadOnlyList<KeyRow>> ListAllAsync(KeyListFilter filter, CancellationToken cancellationToken)
    {
        var rows = new List<KeyRow>();
        string? next = null;
        do
        {
            var page = await ListAsync(filter, next, MaxPageSize, cancellationToken);
            rows.AddRange(page.Keys.Select(entry => entry.Row));
            next = page.Next;
        }
        while (next is not null);

        return rows;
    }

    /// <summary>The keys counted by state: one row per application, or per reference id of <paramref name="appId"/>.</summary>
    public async Task<IReadOnlyList<KeyGroupCount>> GroupsAsync(string? appId, CancellationToken cancellationToken)
    {
        var clock = await ClockAsync(cancellationToken);
        return appId is null
            ? await _store.CountKeysByApplicationAsync(clock, cancellationToken)
            : await _store.CountKeysByReferenceAsync(appId, clock, cancellationToken);
    }

    private async Task<KeyStateClock> ClockAsync(CancellationToken cancellationToken)
    {
        var revoked = await _revoked.RefreshAsync(cancellationToken);
        return new KeyStateClock(_time.GetUtcNow().UtcDateTime, revoked);
    }

    private static KeyAliasState StateOf(string state) => state switch
    {
        KeyStates.Active => KeyAliasState.Active,
        KeyStates.Expired => KeyAliasState.Expired,
        KeyStates.Revoked => KeyAliasState.Revoked,
        KeyStates.NotYetValid => KeyAliasState.Future,
        _ => throw new ArgumentException($"unknown key state '{state}'", nameof(state)),
    };
}
