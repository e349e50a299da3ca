using System.Security.Cryptography.X509Certificates;

namespace Kavach.Devices.Server.DeviceRoutes;

/// <summary>
/// The TLS client certificate the door let through (on <c>HttpContext.Features</c>): it chains to a device CA; the
/// message gate still checks its registry state and that the message's <c>x5c</c> is byte-equal to it.
/// </summary>
/// <param name="Certificate">The certificate presented at the handshake.</param>
public sealed record DeviceClientCertificate(X509Certificate2 Certificate)
{
    /// <summary>The certificate of <paramref name="context"/>, or null on the open routes when none was presented.</summary>
    public static X509Certificate2? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<DeviceClientCertificate>()?.Certificate;
    }
}
