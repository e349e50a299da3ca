using System.Text;
using Kavach.Devices.Authority;
using Kavach.Devices.Server.Http;

namespace Kavach.Devices.Server.Pki;

/// <summary>
/// The public PKI routes, open to anyone: <c>GET /pki/ca</c>, the device issuing CA certificates and their root as a
/// PEM chain (what MOSIP's trust store and relying parties import), <c>GET /pki/crl</c>, the current CRL in DER, and
/// <c>GET /pki/encryption</c>, the certificate devices encrypt their messages to (ROOT issued it, so a device checks it
/// against the root it pins; its <c>kid</c> is derived from it).
/// </summary>
internal static class PkiEndpoints
{
    public const string CaPath = "/pki/ca";

    public const string CrlPath = "/pki/crl";

    public const string EncryptionPath = "/pki/encryption";

    public static void MapPkiEndpoints(this WebApplication app)
    {
        app.MapGet(CaPath, static async (HttpContext context, CancellationToken cancellationToken) =>
        {
            var anchors = context.RequestServices.GetService<IDeviceCaCertificates>();
            if (anchors is null)
            {
                return ErrorResponses.Result(StatusCodes.Status503ServiceUnavailable, DeviceServerErrors.NotAvailable);
            }

            var trust = await anchors.GetTrustAnchorsAsync(cancellationToken);
            var pem = new StringBuilder();
            foreach (var certificate in trust.IssuingCas.Append(trust.Root))
            {
                pem.Append(certificate.ExportCertificatePem()).Append('\n');
            }

            context.Response.Headers.CacheControl = "public, max-age=300";
            return TypedResults.Text(pem.ToString(), "application/pem-certificate-chain", Encoding.ASCII);
        });

        app.MapGet(CrlPath, static async (HttpContext context, CancellationToken cancellationToken) =>
        {
            if (context.RequestServices.GetService<DeviceCertificateAuthority>() is not { } authority)
            {
                return ErrorResponses.Result(StatusCodes.Status503ServiceUnavailable, DeviceServerErrors.NotAvailable);
            }

            // Rebuilt by the authority when a certificate is revoked; relying parties may cache it for a minute.
            var crl = await authority.GetCrlAsync(cancellationToken);
            context.Response.Headers.CacheControl = "public, max-age=60";
            return TypedResults.Bytes(crl, "application/pkix-crl");
        });

        app.MapGet(EncryptionPath, static async (HttpContext context, CancellationToken cancellationToken) =>
        {
            if (context.RequestServices.GetService<IDeviceServerKeys>() is not { } keys)
            {
                return ErrorResponses.Result(StatusCodes.Status503ServiceUnavailable, DeviceServerErrors.NotAvailable);
            }

            var (_, certificate) = await keys.GetEncryptionKeyAsync(cancellationToken);
            context.Response.Headers.CacheControl = "public, max-age=300";
            return TypedResults.Text(certificate.ExportCertificatePem() + "\n", "application/pem-certificate-chain", Encoding.ASCII);
        });
    }
}
