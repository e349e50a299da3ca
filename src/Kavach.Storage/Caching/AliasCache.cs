using BitFaster.Caching.Lru;
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
/// <para>
/// The pairs are kept in a bounded LRU (BitFaster): past <see cref="Capacity"/> pairs the least recently used go,
/// which only costs reads. Entries are rows of public metadata (no secrets), so nothing needs wiping on eviction.
/// </para>
/// </remarks>
internal sealed class AliasCache
{
    /// <summary>How long rows are served when other processes' writes would go unseen.</summary>
    internal static readonly TimeSpan UnreportedMaxAge = TimeSpan.FromSeconds(1);

    /// <summary>How many (appId, refId) pairs are kept.</summary>
    internal const int Capacity = 10_000;

    private readonly ConcurrentLru<(string AppId, string RefId), Entry> _entries = new(Capacity);
    private readonly TimeProvider _time;
    private long _version;
    private volatile bool _otherWritersReported;

    /// <summary>Creates an empty cache.</summary>
    public AliasCache(TimeProvider time) => _time = time;

    /// <summary>The cached rows of (appId, refId) if still valid, else null.</summary>
    public IReadOnlyList<KeyAlias>? Find(string appId, string refId)
    {
        if (!_entries.TryGet((appId, refId), out var entry) || entry.Version != Volatile.Read(ref _version))
        {
            return null;
        }

        return _otherWritersReported || _time.GetTimestamp() - entry.LoadedAt < TicksOf(UnreportedMaxAge) ? entry.Aliases : null;
    }

    /// <summary>The stamp to pass to <see cref="Store"/>: take it before reading the rows.</summary>
    public long Stamp() => Volatile.Read(ref _version);

    /// <summary>Keeps rows read after <see cref="Stamp"/> returned <paramref name="stamp"/>.</summary>
    public void Store(string appId, string refId, IReadOnlyList<KeyAlias> aliases, long stamp) =>
        _entries.AddOrUpdate((appId, refId), new Entry([.. aliases], stamp, _time.GetTimestamp()));

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
