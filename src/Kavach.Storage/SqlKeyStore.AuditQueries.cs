using System.Data.Common;
using System.Globalization;
using Kavach.Keys.Audit;
using Kavach.Storage.Audit;

namespace Kavach.Storage;

/// <summary>Searches and aggregations over the audit trail (<see cref="IAuditQueryStore"/>), computed by the database.</summary>
internal sealed partial class SqlKeyStore : IAuditQueryStore
{
    private AuditQuerySql? auditQuerySql;

    private AuditQuerySql AuditQueries => auditQuerySql ??= new AuditQuerySql(Sql.TablePrefix);

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditRecord>> SearchAuditRecordsAsync(AuditRecordQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        return RunStatementAsync(
            AuditQueries.SearchRecords(query),
            command =>
            {
                AddParameter(command, "@after", query.AfterSeq);
                if (query.From is { } from)
                {
                    AddTimestamp(command, "@from", from);
                }

                if (query.To is { } to)
                {
                    AddTimestamp(command, "@to", to);
                }

                AddOptional(command, "@actor", query.Actor);
                AddOptional(command, "@operation", query.Operation);
                AddOptional(command, "@app_id", query.AppId);
                AddOptional(command, "@outcome", query.Outcome);
                AddParameter(command, "@limit", query.Limit);
            },
            (command, ct) => AuditRows.ReadRecordsAsync(this, command, ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyUsageCount>> CountKeyUsageAsync(KeyUsageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        return RunStatementAsync(
            AuditQueries.CountKeyUsage(query),
            command =>
            {
                AddTimestamp(command, "@from", query.From);
                AddTimestamp(command, "@to", query.To);
                var i = 0;
                foreach (var operation in query.Operations)
                {
                    AddParameter(command, AuditQuerySql.OperationParameter(i++), operation);
                }

                AddOptional(command, "@app_id", query.AppId);
                AddOptional(command, "@ref_id", query.RefId);
                AddOptional(command, "@actor", query.Actor);
                AddParameter(command, "@limit", query.Limit);
            },
            ReadUsageAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ReadRevocationDetailsAsync(long afterSeq, long toSeq, CancellationToken cancellationToken) =>
        RunStatementAsync(
            AuditQueries.SelectRevocations,
            command =>
            {
                AddParameter(command, "@after", afterSeq);
                AddParameter(command, "@to", toSeq);
            },
            static async (command, ct) =>
            {
                var details = new List<string>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    if (!reader.IsDBNull(0))
                    {
                        details.Add(reader.GetString(0));
                    }
                }

                return (IReadOnlyList<string>)details;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<(long First, long Last)?> FindAuditSeqRangeAsync(DateTime from, DateTime to, CancellationToken cancellationToken) =>
        RunStatementAsync(
            AuditQueries.SelectSeqRange,
            command =>
            {
                AddTimestamp(command, "@from", from);
                AddTimestamp(command, "@to", to);
            },
            static async (command, ct) =>
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                if (!await reader.ReadAsync(ct) || reader.IsDBNull(0))
                {
                    return ((long, long)?)null;
                }

                return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
            },
            cancellationToken);

    private static void AddOptional(DbCommand command, string name, string? value)
    {
        if (value is not null)
        {
            AddParameter(command, name, value);
        }
    }

    private async Task<IReadOnlyList<KeyUsageCount>> ReadUsageAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<KeyUsageCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new KeyUsageCount(
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture),
                ReadTimestamp(reader, 7) ?? MissingInstant));
        }

        return rows;
    }
}
