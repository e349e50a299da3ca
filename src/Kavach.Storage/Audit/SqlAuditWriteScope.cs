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
    public async Task InsertRecordsAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = _store.Dialect.RowsPerInsert;
        var chunks = records.Chunk(rows).ToList();

        // Every chunk but the last has the same number of rows: one prepared statement serves them all.
        var full = chunks.Count(chunk => chunk.Length == rows);
        await _scope.ExecuteEachAsync(_sql.InsertRecords(rows), chunks.Take(full), BindRows, cancellationToken);
        if (full < chunks.Count)
        {
            var last = chunks[^1];
            await _scope.ExecuteEachAsync(_sql.InsertRecords(last.Length), [last], BindRows, cancellationToken);
        }
    }

    private void BindRows(DbCommand command, AuditRecord[] chunk)
    {
        for (var i = 0; i < chunk.Length; i++)
        {
            AuditRows.BindRecord(_store, command, chunk[i], i);
        }
    }

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
