using Kavach.Devices.Registry;
using Kavach.Devices.Updates;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Tests.Checkin;

/// <summary>Offers one release to the devices it is told about.</summary>
internal sealed class FakeUpdates : IDeviceUpdates
{
    public Dictionary<string, long> Offers { get; } = new(StringComparer.Ordinal);

    public Task<PendingUpdate?> GetPendingUpdateAsync(DeviceRecord device, CancellationToken cancellationToken) =>
        Task.FromResult(Offers.TryGetValue(device.SerialNo, out var counter) ? new PendingUpdate(counter, false, "R1") : null);

    public Task<Result<UpdateReportOutcome>> RecordReportAsync(DeviceRecord device, DeviceUpdateReport report, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
