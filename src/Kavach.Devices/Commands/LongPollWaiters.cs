namespace Kavach.Devices.Commands;

/// <summary>
/// The long-polls waiting on this replica, by device serial and by the key (certificate) each one authenticated with,
/// so a second key long-polling for a serial while the first waits is seen (spec §5.3, a clone). Per replica: a wait on
/// another replica is not seen here.
/// </summary>
public sealed class LongPollWaiters
{
    private readonly Dictionary<string, List<LongPollWait>> _waits = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// The certificate serials of the waits for <paramref name="serialNo"/> under another key than
    /// <paramref name="spkiSha256"/>; when <paramref name="enter"/>, this wait is registered in the same step and
    /// <paramref name="lease"/> ends it on dispose.
    /// </summary>
    public IReadOnlyList<string> Join(string serialNo, string certSerial, string spkiSha256, bool enter, out IDisposable? lease)
    {
        var wait = new LongPollWait(certSerial, spkiSha256);
        lock (_lock)
        {
            var others = _waits.TryGetValue(serialNo, out var list)
                ? list.Where(w => !string.Equals(w.SpkiSha256, spkiSha256, StringComparison.Ordinal)).Select(w => w.CertSerial).Distinct(StringComparer.Ordinal).ToList()
                : [];
            lease = null;
            if (enter)
            {
                if (list is null)
                {
                    list = [];
                    _waits[serialNo] = list;
                }

                list.Add(wait);
                lease = new Lease(this, serialNo, wait);
            }

            return others;
        }
    }

    private void Leave(string serialNo, LongPollWait wait)
    {
        lock (_lock)
        {
            if (_waits.TryGetValue(serialNo, out var list) && list.Remove(wait) && list.Count == 0)
            {
                _waits.Remove(serialNo);
            }
        }
    }

    // A class, not a record: two waits of the same key are two entries, removed one by one.
    private sealed class LongPollWait(string certSerial, string spkiSha256)
    {
        public string CertSerial { get; } = certSerial;

        public string SpkiSha256 { get; } = spkiSha256;
    }

    private sealed class Lease(LongPollWaiters owner, string serialNo, LongPollWait wait) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(serialNo, wait);
            }
        }
    }
}
