using System.Data.Common;
using Kavach.Storage;
using Kavach.Testing;
using Microsoft.Data.Sqlite;

namespace Kavach.Devices.Tests.Registry;

/// <summary>The device store contract on an SQLite file of this class's own.</summary>
public sealed class SqliteDeviceStoreTests : DeviceStoreContractTests, IDisposable
{
    private readonly TempDirectory _folder = new("kavach-devices-sqlite");

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _folder.File("keymgr.db") }.ToString();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    protected override Task<StoreOptions> CreateOptionsAsync() => Task.FromResult(new StoreOptions(StoreProvider.Sqlite, ConnectionString));

    protected override DbConnection CreateRawConnection() => new SqliteConnection(ConnectionString);

    protected override async Task<IReadOnlyList<string>> ReadColumnsAsync(string table)
    {
        await Store.ListDevicesAsync(new Kavach.Devices.Registry.DeviceQuery(Limit: 1), Ct);
        await using var connection = CreateRawConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info(@table)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@table";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    protected override string TablePrefix => string.Empty;

    protected override string Collate => string.Empty;

    protected override string CoveringScanOf(string index) => "USING COVERING INDEX " + index;

    protected override async Task<string> ExplainAsync(string sql, string? provider)
    {
        await using var connection = CreateRawConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        if (provider is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@provider";
            parameter.Value = provider;
            command.Parameters.Add(parameter);
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join('\n', lines);
    }
}
