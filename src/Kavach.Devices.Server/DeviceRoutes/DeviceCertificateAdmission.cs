using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Registry;
using Kavach.Devices.Server.Http;

namespace Kavach.Devices.Server.DeviceRoutes;

/// <summary>
/// Admission of a device's GET request, which carries no signed message for the gate: the TLS client certificate
/// (whose key the handshake proved) must be byte-equal to a certificate this server issued, <c>Active</c> and within
/// its validity, of a device that is <c>Active</c>. A self-signed or foreign certificate finds no row.
/// </summary>
internal static class DeviceCertificateAdmission
{
    /// <summary>Null when admitted; else the refusal (one generic error, no oracle).</summary>
    public static async Task<IResult?> RefuseAsync(HttpContext context, X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return ErrorResponses.Result(StatusCodes.Status401Unauthorized, DeviceServerErrors.ClientCertificateRequired);
        }

        var services = context.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var spki = Convert.ToHexStringLower(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        var record = await services.GetRequiredService<IDeviceCertificateStore>().FindBySpkiAsync(spki, context.RequestAborted);
        if (record is not { Status: DeviceCertificateStatus.Active } || !record.Der.AsSpan().SequenceEqual(certificate.RawData)
            || now < record.NotBefore || now >= record.NotAfter)
        {
            return Refused;
        }

        var device = await services.GetRequiredService<IDeviceRegistryStore>().GetDeviceAsync(record.SerialNo, context.RequestAborted);
        return device is { State: DeviceState.Active } ? null : Refused;
    }

    private static IResult Refused => ErrorResponses.Result(StatusCodes.Status403Forbidden, DeviceServerErrors.DeviceCertificateRefused);
}
