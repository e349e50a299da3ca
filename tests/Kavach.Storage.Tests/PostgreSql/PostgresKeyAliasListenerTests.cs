using Kavach.Keys.Storage;
using Kavach.Storage.PostgreSql;
using Kavach.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Kavach.Storage.Tests.PostgreSql;

/// <summary>
/// The change listener reconnects after its connection is killed, backing off on the store's clock while the database
/// refuses connections, and invalidates the alias cache again once back. The clock is frozen, so a cached entry cannot
/// expire by age: only a notification can make the other replica's write visible.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresKeyAliasListenerTests(PostgresServer server)
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task The_listener_reconnects_with_back_off_and_invalidates_the_cache_after_reconnecting()
    {
        var name = "kavach_listen_" + Guid.NewGuid().ToString("N")[..12];
        await AdminAsync($"CREATE DATABASE \"{name}\"");

        // No pooling: every operation and every reconnection attempt opens a real connection the server can refuse.
        var options = new StoreOptions(
            StoreProvider.PostgreSql,
            new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = name, Pooling = false, Timeout = 5 }.ConnectionString);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        try
        {
            await using var store = await KeyStores.OpenAsync(options, time, Ct);
            var listener = ((PostgresDialect)((SqlKeyStore)store).Dialect).Listener!;
            await listener.WaitForListensAsync(0, Ct).WaitAsync(Guard);
            var listens = listener.Listens;

            // The database stops taking connections and the listener's session is killed.
            await AdminAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
            await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");

            // It fails to reconnect and waits on the (frozen) store clock: no second attempt without the clock moving.
            await UntilAsync(() => listener.FailedAttempts >= 1);
            var failed = listener.FailedAttempts;
            Assert.Equal(listens, listener.Listens);

            await AdminAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");
            Assert.Equal(failed, listener.FailedAttempts);
            Assert.Equal(listens, listener.Listens);

            // Moving the clock through the back-off lets it reconnect.
            var reconnected = listener.WaitForListensAsync(listens, Ct);
            await UntilAsync(() =>
            {
                time.Advance(PostgresKeyAliasListener.FirstRetryDelay);
                return reconnected.IsCompleted;
            });
            await reconnected;

            // Cached here, then changed by another replica: seen through the notification, with the clock still frozen.
            var appId = "L_" + Guid.NewGuid().ToString("N")[..10];
            Assert.Empty(await store.GetAliasesAsync(appId, "REF", Ct));
            await using (var replica = await KeyStores.OpenAsync(options, TimeProvider.System, Ct))
            {
                await using var scope = await replica.BeginWriteAsync(appId, "REF", Ct);
                var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
                await scope.InsertAliasAsync(new KeyAlias(Guid.NewGuid().ToString(), appId, "REF", now, now.AddYears(1), "THUMB", "UNI-" + appId), Ct);
                await scope.CommitAsync(Ct);
            }

            await UntilAsync(async () => (await store.GetAliasesAsync(appId, "REF", Ct)).Count == 1);
        }
        finally
        {
            await AdminAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");
            await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static Task UntilAsync(Func<bool> condition) => UntilAsync(() => Task.FromResult(condition()));

    /// <summary>Polls a condition the background listener makes true; the guard only catches a hang.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the listener did not get there in time");
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
#pragma warning disable CA2100 // generated database names only
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }
}
