namespace Kavach.Vaults;

/// <summary>
/// An exclusive lock across processes (and across vault instances in one process): the lock file held open with
/// <see cref="FileShare.None"/>, which .NET maps to <c>flock(LOCK_EX)</c> on Unix. The kernel drops the lock when
/// the holder dies, so a crashed process cannot wedge the vault. The file itself is never deleted: deleting a lock
/// file lets two holders lock two different inodes.
/// </summary>
internal sealed class VaultFileLock : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(10);

    private readonly FileStream _stream;

    private VaultFileLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>Waits until the lock is free, giving up after <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">Another holder kept the lock for longer than <paramref name="timeout"/>.</exception>
    public static async Task<VaultFileLock> AcquireAsync(string path, TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var attempt = TryAcquire(path);
            if (attempt.Lock is not null)
            {
                return attempt.Lock;
            }

            if (time.GetElapsedTime(started) >= timeout)
            {
                throw TimedOut(timeout, attempt.Failure);
            }

            await Task.Delay(RetryInterval, time, cancellationToken);
        }
    }

    /// <summary>The blocking twin of <see cref="AcquireAsync"/>, for opening the vault at start-up.</summary>
    public static VaultFileLock Acquire(string path, TimeProvider time, TimeSpan timeout)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var attempt = TryAcquire(path);
            if (attempt.Lock is not null)
            {
                return attempt.Lock;
            }

            if (time.GetElapsedTime(started) >= timeout)
            {
                throw TimedOut(timeout, attempt.Failure);
            }

            Thread.Sleep(RetryInterval);
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();

    private static (VaultFileLock? Lock, IOException? Failure) TryAcquire(string path)
    {
        try
        {
            var stream = new FileStream(path, OwnerOnlyFiles.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            return (new VaultFileLock(stream), null);
        }
        catch (IOException exception) when (exception is not FileNotFoundException and not DirectoryNotFoundException)
        {
            // Held by someone else (EWOULDBLOCK surfaces as a sharing violation). Other I/O faults also retry
            // until the timeout, which then reports them.
            return (null, exception);
        }
    }

    private static TimeoutException TimedOut(TimeSpan timeout, IOException? lastFailure) =>
        new($"The key vault lock file stayed locked for {timeout.TotalSeconds:0.#} s; another process may be stuck writing the vault.", lastFailure);
}
