using System.Collections.Concurrent;
using Kavach.Keys.Storage;

namespace Kavach.Storage.Caching;

/// <summary>
/// The <c>key_alias</c> rows of each (appId, refId), kept so that finding the current key of a hot pair (every encrypt,
/// sign and getCertificate) costs no database round trip.
/// </summary>
/// <remarks>
/// <para>
/// Every change bumps one version number: this process's write scopes after they end, and — where the database can
/// tell us — other processes' writes (PostgreSQL <c>LISTEN/NOTIFY</c>). An entry is stamped with the version read
/// <em>before</em> its rows were fetched, so rows fetched while a change was committing are never served afterwards:
/// revoking or rotating a key takes effect on the next request.
/// </para>
/// <para>
/// When nothing reports other processes' writes (SQLite, whose other writers are only the CLI, or PostgreSQL while its
/// listener is reconnecting), an entry is trusted for at most <see cref="UnreportedMaxAge"/>.
/// </para>
/// </remarks>
internal sealed class AliasCache
{
    /// <summary>How long rows are served when other processes' writes would go unseen.</summary>
    internal static readonly TimeSpan UnreportedMaxAge = TimeSpan.FromSeconds(1);

    // Beyond this many pairs the cache starts again rather than tracking recency: a store with more hot pairs than
    // this is rare, and a cleared cache only costs reads.
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<(string AppId, string RefId), Entry> _entries = new();
    private readonly TimeProvider _time;
    private long _version;
    private volatile bool _otherWritersReported;

    /// <summary>Creates an empty cache.</summary>
    public AliasCache(TimeProvider time) => _time = time;

    /// <summary>The cached rows of (appId, refId) if still valid, else null.</summary>
    public IReadOnlyList<KeyAlias>? Find(string appId, string refId)
    {
        if (!_entries.TryGetValue((appId, refId), out var entry) || entry.Version != Volatile.Read(ref _version))
        {
            return null;
        }

        return _otherWritersReported || _time.GetTimestamp() - entry.LoadedAt < TicksOf(UnreportedMaxAge) ? entry.Aliases : null;
    }

    /// <summary>The stamp to pass to <see cref="Store"/>: take it before reading the rows.</summary>
    public long Stamp() => Volatile.Read(ref _version);

    /// <summary>Keeps rows read after <see cref="Stamp"/> returned <paramref name="stamp"/>.</summary>
    public void Store(string appId, string refId, IReadOnlyList<KeyAlias> aliases, long stamp)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[(appId, refId)] = new Entry([.. aliases], stamp, _time.GetTimestamp());
    }

    /// <summary>Key rows may have changed: nothing cached before now is served again.</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    /// <summary>
    /// Whether other processes' writes are reported through <see cref="Invalidate"/>. Any change of this state
    /// invalidates, since writes may have been missed while it was off.
    /// </summary>
    public void SetOtherWritersReported(bool reported)
    {
        Invalidate();
        _otherWritersReported = reported;
        Invalidate();
    }

    private long TicksOf(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private sealed record Entry(KeyAlias[] Aliases, long Version, long LoadedAt);
}
