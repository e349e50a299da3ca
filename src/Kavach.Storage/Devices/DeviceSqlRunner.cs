using System.Data.Common;

namespace Kavach.Storage.Devices;

/// <summary>
/// Runs the device tables' statements on the key store's database (its dialect, pool and lazy opening): one statement
/// on a connection of its own, or a body in one write transaction that commits unless it returns false. Provider
/// errors are translated as everywhere in the store (<see cref="KeyStoreUnavailableException"/>,
/// <see cref="KeyStoreConflictException"/>), with generic messages.
/// </summary>
internal sealed class DeviceSqlRunner(SqlKeyStore database)
{
    public SqlDialect Dialect => database.Dialect;

    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql) =>
        SqlKeyStore.CreateCommand(connection, transaction, sql);

    public static void Add(DbCommand command, string name, object? value) => SqlKeyStore.AddParameter(command, name, value);

    public void AddTime(DbCommand command, string name, DateTimeOffset? value) =>
        Dialect.AddTimestamp(command, name, value?.UtcDateTime);

    public DateTimeOffset? ReadTime(DbDataReader reader, int ordinal) =>
        Dialect.ReadTimestamp(reader, ordinal) is { } utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null;

    public DateTimeOffset ReadRequiredTime(DbDataReader reader, int ordinal) =>
        ReadTime(reader, ordinal) ?? DateTimeOffset.MinValue;

    public static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static bool Bool(DbDataReader reader, int ordinal) =>
        Convert.ToBoolean(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public static long Long(DbDataReader reader, int ordinal) =>
        Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public Task<T> ReadAsync<T>(string sql, Action<DbCommand> bind, Func<DbCommand, CancellationToken, Task<T>> run, CancellationToken cancellationToken) =>
        database.GuardAsync(async () =>
        {
            using var activity = StoreActivities.StartQuery(Dialect.SystemName);
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var command = Command(connection, null, sql);
            bind(command);
            return await run(command, cancellationToken);
        });

    /// <summary>Runs <paramref name="body"/> in one write transaction; commits unless it returns false (then rolls back).</summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> body, CancellationToken cancellationToken) =>
        database.GuardAsync(async () =>
        {
            using var activity = StoreActivities.StartQuery(Dialect.SystemName);
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await Dialect.BeginWriteAsync(connection, cancellationToken);
            var result = await body(connection, transaction, cancellationToken);
            if (result is false)
            {
                await transaction.RollbackAsync(cancellationToken);
            }
            else
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return result;
        });

    /// <summary>Reads every row of <paramref name="command"/> with <paramref name="map"/>.</summary>
    public static async Task<IReadOnlyList<T>> ReadRowsAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
