using System.Data.Common;
using Kavach.Keys.Storage;
using Kavach.Trust.Storage;

namespace Kavach.Storage.Trust;

/// <summary>
/// <see cref="ITrustRepository"/> on the key store's database (its dialect, its pool, its lazy opening; the store
/// exposes it). Writes that change a domain's trust run in one transaction with the increment of that domain's
/// version. Provider errors are translated as the key store does: <see cref="KeyStoreUnavailableException"/> for
/// connection faults, generic messages only.
/// </summary>
internal sealed partial class SqlTrustRepository : ITrustRepository
{
    private readonly SqlKeyStore _database;
    private readonly SqlDialect _dialect;
    private readonly TrustSql _sql;
    private readonly ChannelSql _channel;
    private readonly GroupCommitQueue<ReplayEntry, bool> _replays;

    public SqlTrustRepository(SqlKeyStore database)
    {
        _database = database;
        _dialect = database.Dialect;
        _sql = new TrustSql(_dialect.TablePrefix);
        _channel = new ChannelSql(_dialect.TablePrefix);
        _replays = new GroupCommitQueue<ReplayEntry, bool>(RecordReplaysAsync, database.Time, MaxReplayBatch);
    }

    /// <inheritdoc />
    public Task<long> GetDomainVersionAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return ReadAsync(
            _sql.SelectDomainVersion,
            command => AddParameter(command, "@domain", domain),
            static async (command, ct) => await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0L,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CaCertificateRecord>> GetCaCertificatesAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return ReadAsync(_sql.SelectCaOfDomain, command => AddParameter(command, "@domain", domain), ReadCaRecordsAsync, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CaCertificateRecord>> FindCaCertificatesBySubjectAsync(string subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return ReadAsync(_sql.SelectCaBySubject, command => AddParameter(command, "@subject", subject), ReadCaRecordsAsync, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CaCertificateRecord?> GetCaCertificateAsync(string certId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certId);
        var rows = await ReadAsync(_sql.SelectCaById, command => AddParameter(command, "@id", certId), ReadCaRecordsAsync, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<bool> CaCertificateExistsAsync(string thumbprint, string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thumbprint);
        ArgumentNullException.ThrowIfNull(domain);
        return ReadAsync(
            _sql.SelectCaExists,
            command =>
            {
                AddParameter(command, "@thumbprint", thumbprint);
                AddParameter(command, "@domain", domain);
            },
            static async (command, ct) => await command.ExecuteScalarAsync(ct) is not null and not DBNull,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> InsertCaCertificateAsync(CaCertificateRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var insert = Command(connection, transaction, _sql.InsertCa);
                AddParameter(insert, "@id", record.CertId);
                AddParameter(insert, "@subject", record.Subject);
                AddParameter(insert, "@issuer", record.Issuer);
                AddParameter(insert, "@issuer_id", record.IssuerId);
                _dialect.AddTimestamp(insert, "@not_before", record.NotBefore);
                _dialect.AddTimestamp(insert, "@not_after", record.NotAfter);
                AddParameter(insert, "@data", record.CertificatePem);
                AddParameter(insert, "@thumbprint", record.Thumbprint);
                AddParameter(insert, "@serial", record.SerialNumber);
                AddParameter(insert, "@domain", record.PartnerDomain);
                AddParameter(insert, "@type", record.CaCertificateType);
                _dialect.AddTimestamp(insert, "@now", record.UploadedAt);
                AddParameter(insert, "@by", record.UploadedBy);
                if (await insert.ExecuteNonQueryAsync(ct) == 0)
                {
                    return false;
                }

                await BumpAsync(connection, transaction, record.PartnerDomain, record.UploadedBy, record.UploadedAt, ct);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CaCertificatePage> QueryCaCertificatesAsync(CaCertificateQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new CaCertificateQuerySql(_dialect, _sql, query);
        var total = await ReadAsync(
            sql.Count,
            sql.BindFilters,
            static async (command, ct) => Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken);
        var items = total == 0 ? [] : await ReadAsync(sql.Page, sql.BindPage, ReadCaRecordsAsync, cancellationToken);
        return new CaCertificatePage(items, total);
    }

    internal static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The text comes from TrustSql or CaCertificateQuerySql (fixed fragments); values are parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        return command;
    }

    private async Task BumpAsync(DbConnection connection, DbTransaction transaction, string domain, string by, DateTime now, CancellationToken cancellationToken)
    {
        await using var bump = Command(connection, transaction, _sql.BumpDomainVersion);
        AddParameter(bump, "@domain", domain);
        AddParameter(bump, "@by", by);
        _dialect.AddTimestamp(bump, "@now", now);
        await bump.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<CaCertificateRecord>> ReadCaRecordsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<CaCertificateRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new CaCertificateRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                _dialect.ReadTimestamp(reader, 4) ?? DateTime.MinValue,
                _dialect.ReadTimestamp(reader, 5) ?? DateTime.MinValue,
                Text(reader, 6),
                Text(reader, 7),
                Text(reader, 8),
                Text(reader, 9),
                Text(reader, 10),
                _dialect.ReadTimestamp(reader, 11) ?? DateTime.MinValue,
                reader.GetString(12)));
        }

        return rows;
    }

    private static string Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? string.Empty : reader.GetString(ordinal);

    private async Task<T> ReadAsync<T>(string sql, Action<DbCommand> bind, Func<DbCommand, CancellationToken, Task<T>> run, CancellationToken cancellationToken) =>
        await GuardAsync(async () =>
        {
            await using var connection = await _database.OpenConnectionAsync(cancellationToken);
            await using var command = Command(connection, null, sql);
            bind(command);
            return await run(command, cancellationToken);
        });

    private async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> body, CancellationToken cancellationToken) =>
        await GuardAsync(async () =>
        {
            await using var connection = await _database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
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

    private async Task<T> GuardAsync<T>(Func<Task<T>> body)
    {
        try
        {
            return await body();
        }
        catch (DbException exception) when (_dialect.Translate(exception) is { } translated)
        {
            throw translated;
        }
    }
}
