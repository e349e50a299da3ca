using Kavach.Hosting.Startup;

namespace Kavach.Devices.Server.Composition;

/// <summary>The key manager's readiness (start-up keys made: ROOT, hence the device CA can be) for device management's background work.</summary>
internal sealed class HostDeviceReadiness(KavachReadiness readiness) : IDeviceHostReadiness
{
    public Task WhenReadyAsync(CancellationToken cancellationToken) => readiness.WhenReady(cancellationToken);
}
