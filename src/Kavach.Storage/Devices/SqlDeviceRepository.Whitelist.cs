using System.Data.Common;
using System.Globalization;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Whitelist;

namespace Kavach.Storage.Devices;

/// <content>Whitelist batches and entries (<c>whitelist_batch</c>, <c>whitelist_entry</c>).</content>
internal sealed partial class SqlDeviceRepository : IWhitelistStore
{
    // Well under SQLite's and PostgreSQL's bound-parameter limits, even with the list used twice.
    private const int SerialChunk = 400;

    /// <inheritdoc />
    public Task<bool> TryInsertBatchAsync(WhitelistBatchRecord batch, IReadOnlyList<WhitelistEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(entries);
        return _run.WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using (var insert = DeviceSqlRunner.Command(connection, transaction, _sql.InsertBatch))
                {
                    DeviceSqlRunner.Add(insert, "@id", batch.BatchId);
                    DeviceSqlRunner.Add(insert, "@provider", batch.ProviderId);
                    DeviceSqlRunner.Add(insert, "@status", batch.State.ToString());
                    DeviceSqlRunner.Add(insert, "@count", batch.EntryCount);
                    DeviceSqlRunner.Add(insert, "@sha", batch.BatchSha256);
                    DeviceSqlRunner.Add(insert, "@factory", batch.FactoryCertSha256);
                    DeviceSqlRunner.Add(insert, "@jws", batch.BatchJws);
                    DeviceSqlRunner.Add(insert, "@by", batch.ImportedBy);
                    _run.AddTime(insert, "@at", batch.ImportedAt);
                    if (await insert.ExecuteNonQueryAsync(ct) == 0)
                    {
                        return false;
                    }
                }

                foreach (var entry in entries)
                {
                    await using var row = DeviceSqlRunner.Command(connection, transaction, _sql.InsertEntry);
                    DeviceSqlRunner.Add(row, "@batch", batch.BatchId);
                    DeviceSqlRunner.Add(row, "@serial", entry.SerialNo);
                    DeviceSqlRunner.Add(row, "@make", entry.Make);
                    DeviceSqlRunner.Add(row, "@model", entry.Model);
                    DeviceSqlRunner.Add(row, "@type", entry.Type);
                    DeviceSqlRunner.Add(row, "@sub_type", entry.DeviceSubType);
                    DeviceSqlRunner.Add(row, "@certification", entry.Certification);
                    DeviceSqlRunner.Add(row, "@purpose", entry.Purpose);
                    DeviceSqlRunner.Add(row, "@env", entry.Env);
                    DeviceSqlRunner.Add(row, "@ftm", entry.FtmCertSha256);
                    DeviceSqlRunner.Add(row, "@l0", entry.L0KeySha256);
                    DeviceSqlRunner.Add(row, "@l0_secret", entry.L0SecretSha256);
                    await row.ExecuteNonQueryAsync(ct);
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<WhitelistBatchRecord?> GetBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        var rows = await _run.ReadAsync(_sql.SelectBatch, c => DeviceSqlRunner.Add(c, "@id", batchId), ReadBatchesAsync, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WhitelistBatchRecord>> ListBatchesAsync(WhitelistBatchState? state, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        var sql = $"SELECT {RepositorySql.BatchColumns} FROM {_sql.Prefix}whitelist_batch" +
            (state is null ? string.Empty : " WHERE status = @status") +
            string.Create(CultureInfo.InvariantCulture, $" ORDER BY cr_dtimes DESC, batch_id {_sql.Collation} DESC LIMIT {limit}");
        return _run.ReadAsync(
            sql,
            command =>
            {
                if (state is { } s)
                {
                    DeviceSqlRunner.Add(command, "@status", s.ToString());
                }
            },
            ReadBatchesAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WhitelistEntry>> ListEntriesAsync(string batchId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        return _run.ReadAsync(
            _sql.SelectEntries,
            c => DeviceSqlRunner.Add(c, "@batch", batchId),
            static (command, ct) => DeviceSqlRunner.ReadRowsAsync(
                command,
                reader => new WhitelistEntry(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.GetString(5),
                    reader.GetString(6),
                    reader.GetString(7),
                    DeviceSqlRunner.Text(reader, 8),
                    DeviceSqlRunner.Text(reader, 9),
                    DeviceSqlRunner.Text(reader, 10)),
                ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FindKnownSerialsAsync(IReadOnlyList<string> serials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serials);
        var known = new List<string>();
        foreach (var chunk in serials.Distinct(StringComparer.Ordinal).Chunk(SerialChunk))
        {
            known.AddRange(await _run.ReadAsync(
                _sql.KnownSerials(chunk.Length),
                command =>
                {
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        DeviceSqlRunner.Add(command, "@s" + i.ToString(CultureInfo.InvariantCulture), chunk[i]);
                    }
                },
                static (command, ct) => DeviceSqlRunner.ReadRowsAsync(command, reader => reader.GetString(0), ct),
                cancellationToken));
        }

        return known;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<KnownSerial>> DescribeKnownSerialsAsync(IReadOnlyList<string> serials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serials);
        var registered = new Dictionary<string, DeviceState>(StringComparer.Ordinal);
        var pending = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in serials.Distinct(StringComparer.Ordinal).Chunk(SerialChunk))
        {
            void Bind(DbCommand command)
            {
                for (var i = 0; i < chunk.Length; i++)
                {
                    DeviceSqlRunner.Add(command, "@s" + i.ToString(CultureInfo.InvariantCulture), chunk[i]);
                }
            }

            foreach (var (serial, state) in await _run.ReadAsync(
                _sql.RegisteredSerialStates(chunk.Length),
                Bind,
                static (command, ct) => DeviceSqlRunner.ReadRowsAsync(command, reader => (reader.GetString(0), Enum.Parse<DeviceState>(reader.GetString(1))), ct),
                cancellationToken))
            {
                registered[serial] = state;
            }

            pending.UnionWith(await _run.ReadAsync(
                _sql.PendingBatchSerials(chunk.Length),
                Bind,
                static (command, ct) => DeviceSqlRunner.ReadRowsAsync(command, reader => reader.GetString(0), ct),
                cancellationToken));
        }

        return [.. registered.Keys.Union(pending, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(serial => new KnownSerial(serial, registered.TryGetValue(serial, out var state) ? state : null, pending.Contains(serial)))];
    }

    /// <inheritdoc />
    public Task<bool> TryAdmitDevicesAsync(IReadOnlyList<DeviceRecord> added, IReadOnlyList<DeviceReadmission> readmitted, CancellationToken cancellationToken) =>
        _registry.TryAdmitDevicesAsync(added, readmitted, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TrySetBatchApprovalAsync(string batchId, string approvalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        ArgumentNullException.ThrowIfNull(approvalId);
        return _run.ReadAsync(
            _sql.SetBatchApproval,
            command =>
            {
                DeviceSqlRunner.Add(command, "@id", batchId);
                DeviceSqlRunner.Add(command, "@approval", approvalId);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryDecideBatchAsync(string batchId, WhitelistBatchState to, string decidedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batchId);
        return _run.ReadAsync(
            _sql.DecideBatch,
            command =>
            {
                DeviceSqlRunner.Add(command, "@id", batchId);
                DeviceSqlRunner.Add(command, "@to", to.ToString());
                DeviceSqlRunner.Add(command, "@by", decidedBy);
                _run.AddTime(command, "@at", at);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    private Task<IReadOnlyList<WhitelistBatchRecord>> ReadBatchesAsync(DbCommand command, CancellationToken cancellationToken) =>
        DeviceSqlRunner.ReadRowsAsync(
            command,
            reader => new WhitelistBatchRecord(
                reader.GetString(0),
                reader.GetString(1),
                Enum.Parse<WhitelistBatchState>(reader.GetString(2), ignoreCase: false),
                Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                DeviceSqlRunner.Text(reader, 7),
                reader.GetString(8),
                _run.ReadRequiredTime(reader, 9),
                DeviceSqlRunner.Text(reader, 10),
                _run.ReadTime(reader, 11)),
            cancellationToken);
}
