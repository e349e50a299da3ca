using System.Data.Common;
using Kavach.Keys.Audit;

namespace Kavach.Storage.Audit;

/// <summary>The audit write scope: a <see cref="SqlWriteScope"/> holding the store's audit lock, plus the audit statements.</summary>
internal sealed class SqlAuditWriteScope : IAuditWriteScope
{
    private readonly SqlKeyStore _store;
    private readonly SqlWriteScope _scope;
    private readonly AuditSql _sql;

    internal SqlAuditWriteScope(SqlKeyStore store, SqlWriteScope scope, AuditSql sql)
    {
        _store = store;
        _scope = scope;
        _sql = sql;
    }

    /// <inheritdoc />
    public Task<AuditHead> GetHeadAsync(CancellationToken cancellationToken) =>
        _scope.RunAsync(_sql.SelectHead, static _ => { }, AuditRows.ReadHeadAsync, cancellationToken);

    /// <inheritdoc />
    public async Task<AuditCheckpoint?> GetLastCheckpointAsync(CancellationToken cancellationToken)
    {
        var rows = await _scope.RunAsync(
            _sql.SelectLastCheckpoint,
            static _ => { },
            (command, ct) => AuditRows.ReadCheckpointsAsync(_store, command, ct),
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task InsertRecordsAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);

        // One single-row statement for every record, whatever the batch's size: the database compiles it once (SQLite per
        // command, PostgreSQL per connection) instead of parsing and planning a statement of another shape per batch.
        return _scope.ExecuteEachAsync(_sql.InsertRecord, records, BindRecord, cancellationToken);
    }

    private void BindRecord(DbCommand command, AuditRecord record) => AuditRows.BindRecord(_store, command, record);

    /// <inheritdoc />
    public Task InsertCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return _scope.RunAsync(
            _sql.InsertCheckpoint,
            command => AuditRows.BindCheckpoint(_store, command, checkpoint),
            static async (DbCommand command, CancellationToken ct) => await command.ExecuteNonQueryAsync(ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task CommitAsync(CancellationToken cancellationToken) => _scope.CommitAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
