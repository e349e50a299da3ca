using Kavach.Storage.Caching;
using Npgsql;

namespace Kavach.Storage.PostgreSql;

/// <summary>
/// Keeps one connection listening on <c>kavach_key_alias</c> (migration 0005's trigger) and invalidates the alias cache
/// on every notification, so key changes made by other replicas are seen on the next request. While the connection is
/// down the cache falls back to its short expiry (<see cref="AliasCache.UnreportedMaxAge"/>) and reconnects with
/// back-off; notifications missed meanwhile cannot matter because every state change invalidates the whole cache.
/// </summary>
internal sealed class PostgresKeyAliasListener : IAsyncDisposable
{
    private const string Channel = "kavach_key_alias";

    // A connection that died without a TCP reset stays silent; a periodic round trip finds out.
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly AliasCache _cache;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstListen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;

    private PostgresKeyAliasListener(NpgsqlDataSource dataSource, AliasCache cache, TimeProvider time)
    {
        _dataSource = dataSource;
        _cache = cache;
        _time = time;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Starts listening; completes once the first <c>LISTEN</c> succeeded or failed (the loop keeps retrying).</summary>
    public static async Task<PostgresKeyAliasListener> StartAsync(NpgsqlDataSource dataSource, AliasCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        var listener = new PostgresKeyAliasListener(dataSource, cache, time);
        await listener._firstListen.Task.WaitAsync(cancellationToken);
        return listener;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        var retryDelay = FirstRetryDelay;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stop);
                connection.Notification += (_, _) => _cache.Invalidate();
                await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stop);
                }

                _cache.SetOtherWritersReported(true);
                _firstListen.TrySetResult();
                retryDelay = FirstRetryDelay;
                while (true)
                {
                    if (!await connection.WaitAsync(ProbeInterval, stop))
                    {
                        await using var probe = new NpgsqlCommand("SELECT 1", connection);
                        await probe.ExecuteNonQueryAsync(stop);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // any failure of the connection means: fall back to expiry and reconnect
            catch (Exception)
#pragma warning restore CA1031
            {
                _cache.SetOtherWritersReported(false);
                _firstListen.TrySetResult();
            }

            try
            {
                await Task.Delay(retryDelay, _time, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
        }

        _cache.SetOtherWritersReported(false);
        _firstListen.TrySetResult();
    }
}
