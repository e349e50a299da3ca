using System.Collections.Concurrent;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Tests.Policy;

/// <summary>A registry in memory with the contract's optimistic versions, for operations tests that do not test storage.</summary>
internal sealed class InMemoryDeviceRegistry : IDeviceRegistryStore
{
    private readonly ConcurrentDictionary<string, DeviceRecord> _devices = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Put(DeviceRecord device) => _devices[device.SerialNo] = device;

    public DeviceRecord Get(string serialNo) => _devices[serialNo];

    public Task<DeviceRecord?> GetDeviceAsync(string serialNo, CancellationToken cancellationToken) =>
        Task.FromResult(_devices.TryGetValue(serialNo, out var d) ? d : null);

    public Task<DeviceRecord?> GetDeviceByMgmtIdAsync(string mgmtId, CancellationToken cancellationToken) =>
        Task.FromResult(_devices.Values.FirstOrDefault(d => d.MgmtId == mgmtId));

    public Task<IReadOnlyList<DeviceRecord>> ListDevicesAsync(DeviceQuery query, CancellationToken cancellationToken)
    {
        IEnumerable<DeviceRecord> rows = _devices.Values.OrderBy(d => d.SerialNo, StringComparer.Ordinal);
        if (query.ProviderId is { } p)
        {
            rows = rows.Where(d => d.ProviderId == p);
        }

        if (query.State is { } s)
        {
            rows = rows.Where(d => d.State == s);
        }

        if (query.RotationDue is { } r)
        {
            rows = rows.Where(d => d.RotationDue == r);
        }

        if (query.CheckedInBefore is { } before)
        {
            rows = rows.Where(d => d.LastCheckin is null || d.LastCheckin < before);
        }

        if (query.AfterSerialNo is { } after)
        {
            rows = rows.Where(d => string.CompareOrdinal(d.SerialNo, after) > 0);
        }

        return Task.FromResult<IReadOnlyList<DeviceRecord>>([.. rows.Take(query.Limit)]);
    }

    public Task<IReadOnlyList<DeviceGroupCount>> CountDevicesAsync(string? providerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeviceGroupCount>>([.. _devices.Values
            .Where(d => providerId is null || d.ProviderId == providerId)
            .GroupBy(d => (d.ProviderId, d.Make, d.Model, d.State))
            .Select(g => new DeviceGroupCount(g.Key.ProviderId, g.Key.Make, g.Key.Model, g.Key.State, g.LongCount()))]);

    public Task<bool> TryInsertDevicesAsync(IReadOnlyList<DeviceRecord> devices, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (devices.Any(d => _devices.ContainsKey(d.SerialNo)))
            {
                return Task.FromResult(false);
            }

            foreach (var d in devices)
            {
                _devices[d.SerialNo] = d;
            }

            return Task.FromResult(true);
        }
    }

    public Task<bool> TryUpdateDeviceAsync(DeviceRecord device, long expectedVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_devices.TryGetValue(device.SerialNo, out var stored) || stored.Version != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _devices[device.SerialNo] = device with { Version = expectedVersion + 1 };
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryAdvanceSequenceAsync(string serialNo, long seq, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_devices.TryGetValue(serialNo, out var stored) || stored.LastSeq >= seq)
            {
                return Task.FromResult(false);
            }

            _devices[serialNo] = stored with { LastSeq = seq, Version = stored.Version + 1 };
            return Task.FromResult(true);
        }
    }
}
