using System.Collections.Concurrent;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Tests.Updates;

/// <summary>A device registry in memory, enough for rollouts (the SQL registry is the repository's).</summary>
internal sealed class InMemoryDeviceRegistry : IDeviceRegistryStore
{
    private readonly ConcurrentDictionary<string, DeviceRecord> _devices = new(StringComparer.Ordinal);

    public DeviceRecord Add(string serialNo, string make = "MOSIP", string model = "SLAP01", long releaseCounter = 4, string certification = "L1", DeviceState state = DeviceState.Active)
    {
        var device = new DeviceRecord(
            serialNo, Guid.NewGuid().ToString(), "MOSIP.PROXY.SBI", make, model, "Finger", "Slap", certification, "Auth", "Staging",
            new string('a', 64), null, state, 0, null, "1.0", releaseCounter, false, "batch-1", DateTimeOffset.UnixEpoch, 0);
        _devices[serialNo] = device;
        return device;
    }

    public DeviceRecord this[string serialNo] => _devices[serialNo];

    public void SetReleaseCounter(string serialNo, long counter) =>
        _devices[serialNo] = _devices[serialNo] with { ReleaseCounter = counter, Version = _devices[serialNo].Version + 1 };

    public Task<DeviceRecord?> GetDeviceAsync(string serialNo, CancellationToken cancellationToken) =>
        Task.FromResult(_devices.TryGetValue(serialNo, out var device) ? device : null);

    public Task<DeviceRecord?> GetDeviceByMgmtIdAsync(string mgmtId, CancellationToken cancellationToken) =>
        Task.FromResult(_devices.Values.FirstOrDefault(d => d.MgmtId == mgmtId));

    public Task<IReadOnlyList<DeviceRecord>> ListDevicesAsync(DeviceQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeviceRecord>>(
        [
            .. _devices.Values
                .Where(d => query.State is null || d.State == query.State)
                .Where(d => query.AfterSerialNo is null || string.CompareOrdinal(d.SerialNo, query.AfterSerialNo) > 0)
                .OrderBy(d => d.SerialNo, StringComparer.Ordinal)
                .Take(query.Limit),
        ]);

    public Task<IReadOnlyList<DeviceGroupCount>> CountDevicesAsync(string? providerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeviceGroupCount>>([.. _devices.Values
            .Where(d => providerId is null || d.ProviderId == providerId)
            .GroupBy(d => (d.ProviderId, d.Make, d.Model, d.State))
            .Select(g => new DeviceGroupCount(g.Key.ProviderId, g.Key.Make, g.Key.Model, g.Key.State, g.LongCount()))]);

    public Task<bool> TryInsertDevicesAsync(IReadOnlyList<DeviceRecord> devices, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<bool> TryUpdateDeviceAsync(DeviceRecord device, long expectedVersion, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<bool> TryAdvanceSequenceAsync(string serialNo, long seq, DateTimeOffset at, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
