using Kavach.Devices.Commands;
using Kavach.Devices.Registry;
using Kavach.Devices.Tests.Policy;
using Kavach.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Commands;

/// <summary>A command service on a real store (SQLite or PostgreSQL), an in-memory registry, a fake clock and an audit recorder.</summary>
internal sealed class CommandHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private CommandHarness(IKavachStore store, InMemoryDeviceRegistry registry, FakeTimeProvider time, DeviceCommandOptions options, IDeviceCommandObserver? observer)
    {
        Store = store;
        Registry = registry;
        Time = time;
        Service = new DeviceCommandService(store, registry, Audit, new DeviceCommandSignals(), observer is null ? [] : [observer], time, options, NullLogger<DeviceCommandService>.Instance);
    }

    public IKavachStore Store { get; }

    public InMemoryDeviceRegistry Registry { get; }

    public FakeTimeProvider Time { get; }

    public RecordingAudit Audit { get; } = new();

    public DeviceCommandService Service { get; }

    public static CommandHarness Create(StoreOptions options, DeviceCommandOptions? commandOptions = null, IDeviceCommandObserver? observer = null, FakeTimeProvider? time = null, InMemoryDeviceRegistry? registry = null)
    {
        time ??= new FakeTimeProvider(Start);
        return new CommandHarness(KeyStores.Create(options, time), registry ?? new InMemoryDeviceRegistry(), time, commandOptions ?? new DeviceCommandOptions(), observer);
    }

    public DeviceRecord AddDevice(DeviceState state = DeviceState.Active)
    {
        var device = SampleDevices.Device(SampleDevices.NewSerial(), state, Time.GetUtcNow());
        Registry.Put(device);
        return device;
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
