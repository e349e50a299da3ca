namespace Kavach.Storage.Devices;

/// <summary>
/// The central repository's tables on the key store's database (migration 0009): four-eyes requests, providers,
/// approved models and whitelist batches. Decisions are conditional statements, batch imports one transaction.
/// </summary>
internal sealed partial class SqlDeviceRepository
{
    private readonly DeviceSqlRunner _run;
    private readonly ApprovalSql _approvals;
    private readonly RepositorySql _sql;
    private readonly SqlDeviceRegistry _registry;

    public SqlDeviceRepository(SqlKeyStore database)
    {
        _run = new DeviceSqlRunner(database);
        _registry = new SqlDeviceRegistry(database);
        _approvals = new ApprovalSql(database.Dialect.TablePrefix);
        _sql = new RepositorySql(database.Dialect.TablePrefix, database.Dialect.BinaryCollation);
    }
}
