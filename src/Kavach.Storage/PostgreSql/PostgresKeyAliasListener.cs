using Kavach.Storage.Caching;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Kavach.Storage.PostgreSql;

/// <summary>
/// Keeps one connection listening on <c>kavach_key_alias</c> (migration 0005's trigger) and invalidates the alias cache
/// on every notification, so key changes made by other replicas are seen on the next request. While the connection is
/// down the cache falls back to its short expiry (<see cref="AliasCache.UnreportedMaxAge"/>) and the listener
/// reconnects: at once after a session that was listening, then with exponential back-off (Polly, on the store's
/// clock) while connecting fails. Notifications missed meanwhile cannot matter because every change of the listening
/// state invalidates the whole cache.
/// </summary>
internal sealed class PostgresKeyAliasListener : IAsyncDisposable
{
    private const string Channel = "kavach_key_alias";

    // A connection that died without a TCP reset stays silent; a periodic round trip finds out.
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(15);

    private readonly NpgsqlDataSource _dataSource;
    private readonly AliasCache _cache;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _connect;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstListen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _watch = new();
    private TaskCompletionSource _nextListen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _listens;
    private int _failedAttempts;
    private readonly Task _loop;

    /// <summary>Starts listening in the background (see <see cref="FirstListen"/>).</summary>
    public PostgresKeyAliasListener(NpgsqlDataSource dataSource, AliasCache cache, TimeProvider time, ILogger logger)
    {
        _dataSource = dataSource;
        _cache = cache;
        _logger = logger;
        _connect = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => !_stop.IsCancellationRequested),
                BackoffType = DelayBackoffType.Exponential,
                Delay = FirstRetryDelay,
                MaxDelay = MaxRetryDelay,
                UseJitter = false,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    OnDisconnected(args.Outcome.Exception);
                    Interlocked.Increment(ref _failedAttempts);
                    return default;
                },
            })
            .Build();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The wait before the second connection attempt of an outage; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    internal static TimeSpan FirstRetryDelay { get; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between connection attempts.</summary>
    internal static TimeSpan MaxRetryDelay { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Completes once the first <c>LISTEN</c> succeeded or failed (the listener keeps retrying).</summary>
    public Task FirstListen => _firstListen.Task;

    /// <summary>How many times <c>LISTEN</c> has succeeded (one per connection).</summary>
    internal int Listens => Volatile.Read(ref _listens);

    /// <summary>How many connection attempts have failed and been scheduled for a retry.</summary>
    internal int FailedAttempts => Volatile.Read(ref _failedAttempts);

    /// <summary>Completes once <c>LISTEN</c> has succeeded more than <paramref name="count"/> times.</summary>
    internal async Task WaitForListensAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (_watch)
            {
                if (_listens > count)
                {
                    return;
                }

                next = _nextListen.Task;
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                // One execution per outage: a session that was listening and then broke starts a fresh series of
                // attempts (the first at once), so a replica that ran for days does not wait the longest delay.
                await _connect.ExecuteAsync(ListenUntilBrokenAsync, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            _cache.SetOtherWritersReported(false);
            _firstListen.TrySetResult();
        }
    }

    /// <summary>
    /// Connects and listens until the connection breaks (then returns) or the store stops. Throws only when the
    /// connection or <c>LISTEN</c> fails, which the pipeline retries after its back-off.
    /// </summary>
    private async ValueTask ListenUntilBrokenAsync(CancellationToken stop)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(stop);
        connection.Notification += (_, _) => _cache.Invalidate();
        await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
        {
            await listen.ExecuteNonQueryAsync(stop);
        }

        _cache.SetOtherWritersReported(true);
        OnListening();
        try
        {
            while (true)
            {
                if (!await connection.WaitAsync(ProbeInterval, stop))
                {
                    await using var probe = new NpgsqlCommand("SELECT 1", connection);
                    await probe.ExecuteNonQueryAsync(stop);
                }
            }
        }
        catch (Exception exception) when (!stop.IsCancellationRequested && exception is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
        {
            OnDisconnected(exception);
        }
    }

    private void OnListening()
    {
        TaskCompletionSource reached;
        lock (_watch)
        {
            _listens++;
            reached = _nextListen;
            _nextListen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        StoreLog.ListenerListening(_logger);
        _firstListen.TrySetResult();
        reached.TrySetResult();
    }

    private void OnDisconnected(Exception? exception)
    {
        _cache.SetOtherWritersReported(false);
        _firstListen.TrySetResult();
        StoreLog.ListenerDisconnected(_logger, exception switch
        {
            PostgresException server => "SQLSTATE " + server.SqlState,
            null => "no exception",
            _ => exception.GetType().Name,
        });
    }
}
