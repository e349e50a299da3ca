using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kavach.Storage;

/// <summary>
/// Opens the database once, on first use: migrations, then whatever needs a reachable database. Concurrent first
/// callers share one attempt; a failed attempt is not kept, so the next call tries again and the store recovers by
/// itself once the database answers. Every failure comes out as <see cref="KeyStoreUnavailableException"/>.
/// </summary>
internal sealed class StoreOpening : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task> _open;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task? _attempt;
    private volatile bool _opened;
    private bool _failing;
    private int _attempts;

    /// <param name="open">Migrates and starts; runs on the thread pool, cancelled only when the store is disposed.</param>
    public StoreOpening(Func<CancellationToken, Task> open, ILogger logger)
    {
        _open = open;
        _logger = logger;
    }

    /// <summary>How many attempts have started (tests show concurrent first calls share one).</summary>
    internal int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Completes once the database is open; joins the attempt in flight or starts one.</summary>
    /// <exception cref="KeyStoreUnavailableException">This attempt failed (the next call tries again).</exception>
    public Task EnsureOpenAsync(CancellationToken cancellationToken)
    {
        if (_opened)
        {
            return Task.CompletedTask;
        }

        Task attempt;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            if (_attempt is null || _attempt.IsFaulted || _attempt.IsCanceled)
            {
                // On the thread pool, so no caller runs the provider's synchronous parts under this lock.
                _attempt = Task.Run(AttemptAsync, CancellationToken.None);
            }

            attempt = _attempt;
        }

        // A caller that gives up does not cancel the attempt the others share.
        return attempt.WaitAsync(cancellationToken);
    }

    /// <summary>Stops an attempt in flight; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? attempt;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            attempt = _attempt;
        }

        if (attempt is not null)
        {
            try
            {
                await attempt;
            }
#pragma warning disable CA1031 // the attempt's failure was reported to its callers; shutdown goes on
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        _stopping.Dispose();
    }

    private async Task AttemptAsync()
    {
        Interlocked.Increment(ref _attempts);
        try
        {
            await _open(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // Whatever stops the database from opening, the store is unavailable until it opens.
            Report(exception);
            throw exception as KeyStoreUnavailableException ?? KeyStoreUnavailableException.Wrap(exception);
        }

        _opened = true;
        if (_failing)
        {
            _failing = false;
            StoreLog.Opened(_logger);
        }
    }

    /// <summary>The first failure of a run is a warning, the repeats debug lines: an outage is not a log flood.</summary>
    private void Report(Exception exception)
    {
        var cause = Cause(exception);
        if (_failing)
        {
            StoreLog.StillUnavailable(_logger, cause);
        }
        else
        {
            _failing = true;
            StoreLog.Unavailable(_logger, cause);
        }
    }

    /// <summary>
    /// What may be logged of a failure: the provider's code, never its message (it can quote hosts, users or values);
    /// our own exceptions (file modes) carry messages written for the operator.
    /// </summary>
    private static string Cause(Exception exception)
    {
        var root = exception is KeyStoreUnavailableException { InnerException: { } inner } ? inner : exception;
        return root switch
        {
            PostgresException server => "PostgreSQL SQLSTATE " + server.SqlState,
            NpgsqlException => "PostgreSQL connection failed",
            Microsoft.Data.Sqlite.SqliteException sqlite => "SQLite error " + sqlite.SqliteErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DbException => root.GetType().Name,
            InvalidOperationException => root.Message,
            _ => root.GetType().Name,
        };
    }
}
