using System.Data.Common;
using Kavach.Storage;
using Kavach.Testing;
using Npgsql;

namespace Kavach.Devices.Tests.Registry;

/// <summary>The device store contract on PostgreSQL (a database of this class's own).</summary>
[Collection(DevicePostgresCollection.Name)]
public sealed class PostgresDeviceStoreTests(PostgresServer server) : DeviceStoreContractTests
{
    private string _connectionString = string.Empty;

    protected override async Task<StoreOptions> CreateOptionsAsync()
    {
        _connectionString = await server.DatabaseForAsync(nameof(PostgresDeviceStoreTests));
        return new StoreOptions(StoreProvider.PostgreSql, _connectionString);
    }

    protected override DbConnection CreateRawConnection() => new NpgsqlConnection(_connectionString);

    protected override async Task<IReadOnlyList<string>> ReadColumnsAsync(string table)
    {
        await Store.ListDevicesAsync(new Kavach.Devices.Registry.DeviceQuery(Limit: 1), Ct);
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'keymgr' AND table_name = @table", connection);
        command.Parameters.AddWithValue("table", table);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    protected override string TablePrefix => "keymgr.";

    protected override string Collate => "COLLATE \"C\"";

    protected override string CoveringScanOf(string index) => "Index Only Scan using " + index;

    /// <summary>
    /// EXPLAIN with sequential scans priced out: a test table of a few rows is cheaper to scan whole, and the question is
    /// which index the planner takes for the grouping when the table is large.
    /// </summary>
    protected override async Task<string> ExplainAsync(string sql, string? provider)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var setup = new NpgsqlCommand("ANALYZE keymgr.device; SET LOCAL enable_seqscan = off", connection, transaction))
        {
            await setup.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection, transaction);
        if (provider is not null)
        {
            command.Parameters.AddWithValue("provider", provider);
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
