using System.Security.Cryptography.X509Certificates;

namespace Kavach.Devices.Authority;

/// <summary>The device issuing CA certificates device certificates must chain to (current and, after a rollover, earlier ones still valid).</summary>
public interface IDeviceCaCertificates
{
    /// <summary>Every device CA certificate a device certificate may chain to now, and the root above them.</summary>
    ValueTask<DeviceTrustAnchors> GetTrustAnchorsAsync(CancellationToken cancellationToken);
}
