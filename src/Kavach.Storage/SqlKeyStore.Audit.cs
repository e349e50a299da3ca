using Kavach.Keys.Audit;
using Kavach.Storage.Audit;

namespace Kavach.Storage;

/// <summary>
/// The audit trail's tables (migration 0004) on the key store's connections. Appends and checkpoints take the store's
/// write lock of the reserved pair (<see cref="AuditLockAppId"/>, <see cref="AuditLockRefId"/>): a PostgreSQL advisory
/// transaction lock shared by every replica, or SQLite's writer lock (<c>BEGIN IMMEDIATE</c>). Inside it the head is
/// read and the next sequence numbers are taken, so the chain has one order and no gaps.
/// </summary>
internal sealed partial class SqlKeyStore : IAuditStore
{
    /// <summary>The reserved lock pair of the audit chain ('#' never starts a MOSIP application id).</summary>
    internal const string AuditLockAppId = "#AUDIT";

    /// <summary>See <see cref="AuditLockAppId"/>.</summary>
    internal const string AuditLockRefId = "#CHAIN";

    private AuditSql? auditSql;

    private AuditSql AuditStatements => auditSql ??= new AuditSql(Sql.TablePrefix);

    /// <inheritdoc />
    public async Task<IAuditWriteScope> BeginAuditWriteAsync(CancellationToken cancellationToken)
    {
        // The chain's tables only: its commits (one per batch, every few ms under load) must not drop the alias cache.
        var scope = await BeginScopeAsync(AuditLockAppId, AuditLockRefId, writesKeyRows: false, cancellationToken);
        return new SqlAuditWriteScope(this, scope, AuditStatements);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditRecord>> ReadAuditRecordsAsync(long fromSeq, long toSeq, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return RunStatementAsync(
            AuditStatements.SelectRecords,
            command =>
            {
                AddParameter(command, "@from", fromSeq);
                AddParameter(command, "@to", toSeq);
                AddParameter(command, "@limit", limit);
            },
            (command, ct) => AuditRows.ReadRecordsAsync(this, command, ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditCheckpoint>> ReadAuditCheckpointsAsync(long fromSeq, long toSeq, CancellationToken cancellationToken) =>
        RunStatementAsync(
            AuditStatements.SelectCheckpoints,
            command =>
            {
                AddParameter(command, "@from", fromSeq);
                AddParameter(command, "@to", toSeq);
            },
            (command, ct) => AuditRows.ReadCheckpointsAsync(this, command, ct),
            cancellationToken);

    /// <inheritdoc />
    public Task<long> GetLastAuditCheckpointSeqAsync(CancellationToken cancellationToken) =>
        RunStatementAsync(
            AuditStatements.SelectLastCheckpointSeq,
            static _ => { },
            static async (command, ct) => await command.ExecuteScalarAsync(ct) is { } value and not DBNull
                ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
                : 0L,
            cancellationToken);

    /// <inheritdoc />
    public Task<AuditHead> GetAuditHeadAsync(CancellationToken cancellationToken) =>
        RunStatementAsync(AuditStatements.SelectHead, static _ => { }, AuditRows.ReadHeadAsync, cancellationToken);
}
