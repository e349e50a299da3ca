using System.Diagnostics.Metrics;
using Kavach.Keys.Inventory;
using Kavach.Keys.Storage;
using Kavach.Storage;

namespace Kavach.Server.Observability;

/// <summary>
/// The counts behind <c>kavach_keys</c> and <c>kavach_keys_expiring</c>, and the database's last probe. Recounted by
/// <see cref="TelemetryRefresher"/> every <c>Kavach:Telemetry:KeyInventorySeconds</c> with one scan of
/// <c>key_alias</c>; a scrape only reads the last counts, so scraping costs nothing however many keys there are.
/// </summary>
/// <remarks>
/// Kinds and states are those <c>kavach keys list</c> shows (<see cref="KeyKinds"/>, <see cref="KeyStates"/>); revoked
/// keys come from the audit trail, read incrementally (<see cref="RevokedKeys"/>).
/// </remarks>
internal sealed class KeyInventory
{
    private static readonly int[] ExpiringWithinDays = [30, 90];

    private readonly RevokedKeys _revoked = new();
    private readonly IKavachStore _store;
    private readonly TimeProvider _time;
    private volatile Measurement<long>[] _byState = [];
    private volatile Measurement<long>[] _expiring = [];
    private volatile bool _databaseUp;

    public KeyInventory(IKavachStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    /// <summary>True when the database answered its last probe.</summary>
    public bool DatabaseUp => _databaseUp;

    /// <summary>The last counts by kind and state (every combination, zeros included, so the series always exist).</summary>
    public IEnumerable<Measurement<long>> KeysByState() => _byState;

    /// <summary>The last counts of active keys expiring within 30 and 90 days, by kind.</summary>
    public IEnumerable<Measurement<long>> KeysExpiring() => _expiring;

    /// <summary>Probes the database.</summary>
    public async Task ProbeDatabaseAsync(CancellationToken cancellationToken) =>
        _databaseUp = await _store.IsReachableAsync(cancellationToken);

    /// <summary>Recounts the keys (one scan of <c>key_alias</c>); a database fault leaves the last counts and marks it down.</summary>
    public async Task RecountAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<KeyAlias> aliases;
        IReadOnlySet<string> revoked;
        try
        {
            revoked = await _revoked.RefreshAsync(_store, cancellationToken);
            aliases = await _store.GetAllAliasesAsync(cancellationToken);
        }
        catch (KeyStoreUnavailableException)
        {
            _databaseUp = false;
            throw;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var kinds = KeyKinds.All;
        var states = KeyStates.All;
        var byState = new long[kinds.Count, states.Count];
        var expiring = new long[kinds.Count, ExpiringWithinDays.Length];
        foreach (var alias in aliases)
        {
            var kind = IndexOf(kinds, KeyKinds.Of(alias));
            var state = KeyStates.Of(alias, now, revoked);
            byState[kind, IndexOf(states, state)]++;
            if (state != KeyStates.Active)
            {
                continue;
            }

            for (var i = 0; i < ExpiringWithinDays.Length; i++)
            {
                if (alias.ExpiresAt <= now.AddDays(ExpiringWithinDays[i]))
                {
                    expiring[kind, i]++;
                }
            }
        }

        _byState = [.. kinds.SelectMany((kind, k) => states.Select((state, s) => Measure(byState[k, s], "kind", kind, "state", state)))];
        _expiring = [.. kinds.SelectMany((kind, k) => ExpiringWithinDays.Select((days, d) =>
            Measure(expiring[k, d], "kind", kind, "within_days", days.ToString(System.Globalization.CultureInfo.InvariantCulture))))];
        _databaseUp = true;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(name), name, "not a known kind or state");
    }

    private static Measurement<long> Measure(long value, string name1, string value1, string name2, string value2) =>
        new(value, new KeyValuePair<string, object?>(name1, value1), new KeyValuePair<string, object?>(name2, value2));
}
