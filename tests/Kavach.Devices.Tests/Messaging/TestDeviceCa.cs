using Kavach.Devices.Authority;
using Kavach.Devices.Tests.Protocol.Support;

namespace Kavach.Devices.Tests.Messaging;

/// <summary>The device CA of a <see cref="TestPki"/> as the gate sees it.</summary>
internal sealed class TestDeviceCa(TestPki pki) : IDeviceCaCertificates
{
    public ValueTask<DeviceTrustAnchors> GetTrustAnchorsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new DeviceTrustAnchors([pki.DeviceCa.Certificate], pki.Root.Certificate));
}
