using System.Data.Common;
using System.Globalization;
using System.Text;
using Kavach.Devices.Registry;

namespace Kavach.Storage.Devices;

/// <summary>
/// <see cref="IDeviceRegistryStore"/> and <see cref="IDeviceCertificateStore"/> on the key store's database (tables
/// <c>device</c> and <c>device_cert</c>, migration 0009). Every state change is one conditional statement or one
/// transaction, so replicas racing on a device see exactly one winner.
/// </summary>
internal sealed partial class SqlDeviceRegistry : IDeviceRegistryStore, IDeviceCertificateStore
{
    /// <summary>The largest page <see cref="ListDevicesAsync"/> returns.</summary>
    internal const int MaxPage = 1000;

    private readonly DeviceSqlRunner _run;
    private readonly DeviceRegistrySql _sql;

    public SqlDeviceRegistry(SqlKeyStore database)
    {
        _run = new DeviceSqlRunner(database);
        _sql = new DeviceRegistrySql(database.Dialect.TablePrefix, database.Dialect.BinaryCollation);
    }

    /// <inheritdoc />
    public async Task<DeviceRecord?> GetDeviceAsync(string serialNo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialNo);
        var rows = await _run.ReadAsync(_sql.SelectDevice, c => DeviceSqlRunner.Add(c, "@serial", serialNo), ReadDevicesAsync, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<DeviceRecord?> GetDeviceByMgmtIdAsync(string mgmtId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mgmtId);
        var rows = await _run.ReadAsync(_sql.SelectDeviceByMgmtId, c => DeviceSqlRunner.Add(c, "@mgmt_id", mgmtId), ReadDevicesAsync, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceRecord>> ListDevicesAsync(DeviceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxPage);

        // Only fixed fragments are spliced in; every value is a parameter.
        var sql = new StringBuilder($"SELECT {DeviceRegistrySql.DeviceColumns} FROM {_sql.DeviceTable} WHERE 1 = 1");
        if (query.ProviderId is not null)
        {
            sql.Append(" AND provider_id = @provider");
        }

        if (query.State is not null)
        {
            sql.Append(" AND state = @state");
        }

        if (query.RotationDue is not null)
        {
            sql.Append(" AND rotation_due = @rotation_due");
        }

        if (query.CheckedInBefore is not null)
        {
            sql.Append(" AND (last_checkin IS NULL OR last_checkin < @checked_in_before)");
        }

        if (query.AfterSerialNo is not null)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND serial_no {_sql.Collation} > @after");
        }

        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY serial_no {_sql.Collation} LIMIT {query.Limit}");
        return _run.ReadAsync(
            sql.ToString(),
            command =>
            {
                if (query.ProviderId is not null)
                {
                    DeviceSqlRunner.Add(command, "@provider", query.ProviderId);
                }

                if (query.State is { } state)
                {
                    DeviceSqlRunner.Add(command, "@state", state.ToString());
                }

                if (query.RotationDue is { } due)
                {
                    DeviceSqlRunner.Add(command, "@rotation_due", due);
                }

                if (query.CheckedInBefore is { } before)
                {
                    _run.AddTime(command, "@checked_in_before", before);
                }

                if (query.AfterSerialNo is not null)
                {
                    DeviceSqlRunner.Add(command, "@after", query.AfterSerialNo);
                }
            },
            ReadDevicesAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryInsertDevicesAsync(IReadOnlyList<DeviceRecord> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        if (devices.Count == 0)
        {
            return Task.FromResult(true);
        }

        return _run.WriteAsync(
            async (connection, transaction, ct) =>
            {
                foreach (var device in devices)
                {
                    if (!await InsertAsync(connection, transaction, device, ct))
                    {
                        // A serial exists (or appears twice in the list): the whole batch is rolled back.
                        return false;
                    }
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryUpdateDeviceAsync(DeviceRecord device, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        return _run.ReadAsync(
            _sql.UpdateDevice,
            command =>
            {
                BindDevice(command, device);
                DeviceSqlRunner.Add(command, "@expected", expectedVersion);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryAdvanceSequenceAsync(string serialNo, long seq, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialNo);
        return _run.ReadAsync(
            _sql.AdvanceSequence,
            command =>
            {
                DeviceSqlRunner.Add(command, "@serial", serialNo);
                DeviceSqlRunner.Add(command, "@seq", seq);
                _run.AddTime(command, "@at", at);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    private async Task<bool> InsertAsync(DbConnection connection, DbTransaction transaction, DeviceRecord device, CancellationToken cancellationToken)
    {
        await using var insert = DeviceSqlRunner.Command(connection, transaction, _sql.InsertDevice);
        BindDevice(insert, device);
        BindWhitelisted(insert, device);
        DeviceSqlRunner.Add(insert, "@version", device.Version);
        return await insert.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>The columns the whitelist entry sets (and only a whitelist batch changes).</summary>
    private static void BindWhitelisted(DbCommand command, DeviceRecord device)
    {
        DeviceSqlRunner.Add(command, "@provider", device.ProviderId);
        DeviceSqlRunner.Add(command, "@make", device.Make);
        DeviceSqlRunner.Add(command, "@model", device.Model);
        DeviceSqlRunner.Add(command, "@type", device.Type);
        DeviceSqlRunner.Add(command, "@sub_type", device.DeviceSubType);
        DeviceSqlRunner.Add(command, "@certification", device.Certification);
        DeviceSqlRunner.Add(command, "@purpose", device.Purpose);
        DeviceSqlRunner.Add(command, "@env", device.Env);
        DeviceSqlRunner.Add(command, "@ftm", device.FtmCertSha256);
        DeviceSqlRunner.Add(command, "@batch", device.BatchId);
    }

    /// <summary>An L0 device's anchor: the pre-registered key, or the one-time secret until its first enrolment.</summary>
    private static void BindL0Anchor(DbCommand command, DeviceRecord device)
    {
        DeviceSqlRunner.Add(command, "@l0", device.L0KeySha256);
        DeviceSqlRunner.Add(command, "@l0_secret", device.L0SecretSha256);
    }

    /// <summary>The columns an update may change, plus the key.</summary>
    private void BindDevice(DbCommand command, DeviceRecord device)
    {
        DeviceSqlRunner.Add(command, "@serial", device.SerialNo);
        DeviceSqlRunner.Add(command, "@mgmt_id", device.MgmtId);
        BindL0Anchor(command, device);
        DeviceSqlRunner.Add(command, "@state", device.State.ToString());
        DeviceSqlRunner.Add(command, "@last_seq", device.LastSeq);
        _run.AddTime(command, "@last_checkin", device.LastCheckin);
        DeviceSqlRunner.Add(command, "@fw", device.FirmwareVersion);
        DeviceSqlRunner.Add(command, "@release", device.ReleaseCounter);
        DeviceSqlRunner.Add(command, "@rotation_due", device.RotationDue);
        _run.AddTime(command, "@updated", device.UpdatedAt);
    }

    private Task<IReadOnlyList<DeviceRecord>> ReadDevicesAsync(DbCommand command, CancellationToken cancellationToken) =>
        DeviceSqlRunner.ReadRowsAsync(
            command,
            reader => new DeviceRecord(
                reader.GetString(0),
                DeviceSqlRunner.Text(reader, 1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetString(8),
                reader.GetString(9),
                DeviceSqlRunner.Text(reader, 10),
                DeviceSqlRunner.Text(reader, 11),
                Enum.Parse<DeviceState>(reader.GetString(12), ignoreCase: false),
                DeviceSqlRunner.Long(reader, 13),
                _run.ReadTime(reader, 14),
                DeviceSqlRunner.Text(reader, 15),
                DeviceSqlRunner.Long(reader, 16),
                DeviceSqlRunner.Bool(reader, 17),
                DeviceSqlRunner.Text(reader, 18),
                _run.ReadRequiredTime(reader, 19),
                DeviceSqlRunner.Long(reader, 20),
                DeviceSqlRunner.Text(reader, 21)),
            cancellationToken);
}
