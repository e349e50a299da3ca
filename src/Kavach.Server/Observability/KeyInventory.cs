using System.Diagnostics.Metrics;
using Kavach.Keys.Storage;
using Kavach.Storage;

namespace Kavach.Server.Observability;

/// <summary>
/// The counts behind <c>kavach_keys</c> and <c>kavach_keys_expiring</c>, and the database's last probe. Recounted by
/// <see cref="TelemetryRefresher"/> every <c>Kavach:Telemetry:KeyInventorySeconds</c> with one scan of
/// <c>key_alias</c>; a scrape only reads the last counts, so scraping costs nothing however many keys there are.
/// </summary>
/// <remarks>
/// MOSIP's <c>key_alias</c> has no revocation flag: revoking (like a forced rotation or a replacement) moves a key's
/// expiry to just before the moment it happened. A key whose validity ended a day or more before its policy's full
/// term is therefore counted as <c>revoked</c>; one that ran its term as <c>expired</c>.
/// </remarks>
internal sealed class KeyInventory
{
    private static readonly string[] Kinds = ["root", "master", "base", "symmetric"];
    private static readonly string[] States = ["active", "expired", "revoked"];
    private static readonly int[] ExpiringWithinDays = [30, 90];
    private static readonly TimeSpan Slack = TimeSpan.FromDays(1);

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
        IReadOnlyList<KeyPolicy> policies;
        try
        {
            policies = await _store.GetPoliciesAsync(cancellationToken);
            aliases = await _store.GetAllAliasesAsync(cancellationToken);
        }
        catch (KeyStoreUnavailableException)
        {
            _databaseUp = false;
            throw;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var validity = policies.ToDictionary(p => p.AppId, p => p.ValidityDays, StringComparer.Ordinal);
        var byState = new long[Kinds.Length, States.Length];
        var expiring = new long[Kinds.Length, ExpiringWithinDays.Length];
        foreach (var alias in aliases)
        {
            var kind = KindOf(alias);
            var state = StateOf(alias, now, validity);
            byState[kind, state]++;
            if (state != 0)
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

        _byState = [.. Kinds.SelectMany((kind, k) => States.Select((state, s) => Measure(byState[k, s], "kind", kind, "state", state)))];
        _expiring = [.. Kinds.SelectMany((kind, k) => ExpiringWithinDays.Select((days, d) =>
            Measure(expiring[k, d], "kind", kind, "within_days", days.ToString(System.Globalization.CultureInfo.InvariantCulture))))];
        _databaseUp = true;
    }

    private static int KindOf(KeyAlias alias) =>
        string.Equals(alias.AppId, "ROOT", StringComparison.Ordinal) ? 0
        : alias.CertThumbprint is null ? 3
        : alias.RefId.Length == 0 ? 1
        : 2;

    // 0 active, 1 expired, 2 revoked (ended early).
    private static int StateOf(KeyAlias alias, DateTime now, Dictionary<string, int> validity)
    {
        if (alias.ExpiresAt > now)
        {
            return 0;
        }

        return validity.TryGetValue(alias.AppId, out var days) && days > 0 && alias.ExpiresAt < alias.GeneratedAt.AddDays(days) - Slack ? 2 : 1;
    }

    private static Measurement<long> Measure(long value, string name1, string value1, string name2, string value2) =>
        new(value, new KeyValuePair<string, object?>(name1, value1), new KeyValuePair<string, object?>(name2, value2));
}
