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
}
