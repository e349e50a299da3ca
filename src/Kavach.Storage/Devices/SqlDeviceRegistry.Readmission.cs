using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Whitelist;

namespace Kavach.Storage.Devices;

/// <summary>An approved whitelist batch applied in one transaction: new serials inserted, Quarantined or Deregistered ones re-admitted.</summary>
internal sealed partial class SqlDeviceRegistry
{
    /// <summary>See <see cref="IWhitelistStore.TryAdmitDevicesAsync"/>.</summary>
    public Task<bool> TryAdmitDevicesAsync(IReadOnlyList<DeviceRecord> added, IReadOnlyList<DeviceReadmission> readmitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(readmitted);
        if (added.Count == 0 && readmitted.Count == 0)
        {
            return Task.FromResult(true);
        }

        return _run.WriteAsync(
            async (connection, transaction, ct) =>
            {
                foreach (var device in added)
                {
                    if (!await InsertAsync(connection, transaction, device, ct))
                    {
                        return false;
                    }
                }

                foreach (var readmission in readmitted)
                {
                    var device = readmission.Device;
                    await using (var update = DeviceSqlRunner.Command(connection, transaction, _sql.ReadmitDevice))
                    {
                        DeviceSqlRunner.Add(update, "@serial", device.SerialNo);
                        BindWhitelisted(update, device);
                        BindL0Anchor(update, device);
                        DeviceSqlRunner.Add(update, "@state", device.State.ToString());
                        DeviceSqlRunner.Add(update, "@rotation_due", device.RotationDue);
                        _run.AddTime(update, "@updated", device.UpdatedAt);
                        DeviceSqlRunner.Add(update, "@expected", readmission.ExpectedVersion);
                        DeviceSqlRunner.Add(update, "@from", readmission.From.ToString());
                        if (await update.ExecuteNonQueryAsync(ct) == 0)
                        {
                            // Changed since the approval read it: the whole batch is rolled back.
                            return false;
                        }
                    }

                    // Its old certificates are never live again (a clone quarantine leaves the active one in place).
                    await using var revoke = DeviceSqlRunner.Command(connection, transaction, _sql.RevokeLiveCertificatesOfDevice);
                    DeviceSqlRunner.Add(revoke, "@serial", device.SerialNo);
                    _run.AddTime(revoke, "@at", device.UpdatedAt);
                    DeviceSqlRunner.Add(revoke, "@reason", readmission.RevokeReason);
                    await revoke.ExecuteNonQueryAsync(ct);
                }

                return true;
            },
            cancellationToken);
    }
}
