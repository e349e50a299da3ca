using System.Globalization;
using System.Text;
using Kavach.Devices.Registry;

namespace Kavach.Storage.Devices;

/// <content>The registry's aggregates: counts by provider, make, model and state; Active certificates' expiries of a page.</content>
internal sealed partial class SqlDeviceRegistry
{
    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceGroupCount>> CountDevicesAsync(string? providerId, CancellationToken cancellationToken)
    {
        var sql = providerId is null ? _sql.CountDevices : _sql.CountDevicesOfProvider;
        return _run.ReadAsync(
            sql,
            command =>
            {
                if (providerId is not null)
                {
                    DeviceSqlRunner.Add(command, "@provider", providerId);
                }
            },
            static (command, ct) => DeviceSqlRunner.ReadRowsAsync(
                command,
                static reader => new DeviceGroupCount(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    Enum.Parse<DeviceState>(reader.GetString(3), ignoreCase: false),
                    DeviceSqlRunner.Long(reader, 4)),
                ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetActiveCertificateExpiriesAsync(IReadOnlyCollection<string> serialNos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialNos);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serialNos.Count, MaxPage);
        if (serialNos.Count == 0)
        {
            return new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        }

        // One parameter per serial (at most a page); only the parameter names are spliced in.
        var serials = serialNos.ToArray();
        var names = new StringBuilder();
        for (var i = 0; i < serials.Length; i++)
        {
            names.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ", ")}@s{i}");
        }

        var rows = await _run.ReadAsync(
            string.Format(CultureInfo.InvariantCulture, _sql.SelectActiveExpiries, names),
            command =>
            {
                for (var i = 0; i < serials.Length; i++)
                {
                    DeviceSqlRunner.Add(command, "@s" + i.ToString(CultureInfo.InvariantCulture), serials[i]);
                }
            },
            (command, ct) => DeviceSqlRunner.ReadRowsAsync(command, reader => (Serial: reader.GetString(0), NotAfter: _run.ReadRequiredTime(reader, 1)), ct),
            cancellationToken);
        var expiries = new Dictionary<string, DateTimeOffset>(rows.Count, StringComparer.Ordinal);
        foreach (var (serial, notAfter) in rows)
        {
            expiries[serial] = notAfter;
        }

        return expiries;
    }
}
