using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;
using Kavach.Devices.Server.Http;

namespace Kavach.Devices.Server.DeviceRoutes;

/// <summary>
/// The door of the device routes (spec §4.2): TLS accepts any client certificate so enrolment and time work without
/// one; here every other <c>/v1/*</c> request must present a certificate that chains to a device issuing CA with
/// <c>clientAuth</c>, or it is refused before any body is read. A certificate on an open route is passed on too.
/// Registry state, revocation and the <c>x5c</c> binding are the message gate's checks, on every request.
/// </summary>
internal sealed partial class DeviceCertificateDoor
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private readonly RequestDelegate _next;
    private readonly TimeProvider _time;
    private readonly ILogger<DeviceCertificateDoor> _logger;

    public DeviceCertificateDoor(RequestDelegate next, TimeProvider time, ILogger<DeviceCertificateDoor> logger)
    {
        _next = next;
        _time = time;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var open = DevicePaths.IsOpen(context.Request.Path);
        var certificate = context.Connection.ClientCertificate ?? await context.Connection.GetClientCertificateAsync(context.RequestAborted);
        if (certificate is null)
        {
            if (!open)
            {
                LogRefused(_logger, "no client certificate");
                await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, DeviceServerErrors.ClientCertificateRequired);
                return;
            }

            await _next(context);
            return;
        }

        if (!open)
        {
            var anchors = context.RequestServices.GetService<IDeviceCaCertificates>();
            if (anchors is null)
            {
                // No device CA in this deployment: nothing can chain, so nothing passes (fail closed).
                await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, DeviceServerErrors.NotAvailable);
                return;
            }

            var trust = await anchors.GetTrustAnchorsAsync(context.RequestAborted);
            if (!ChainsToDeviceCa(certificate, trust))
            {
                LogRefused(_logger, "client certificate does not chain to a device CA");
                await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, DeviceServerErrors.ClientCertificateRequired);
                return;
            }
        }

        context.Features.Set(new DeviceClientCertificate(certificate));
        await _next(context);
    }

    private bool ChainsToDeviceCa(X509Certificate2 certificate, DeviceTrustAnchors trust)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.Add(trust.Root);
        policy.ExtraStore.AddRange(trust.IssuingCas.ToArray());
        policy.RevocationMode = X509RevocationMode.NoCheck; // revocation is the registry's, checked by the gate
        policy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        policy.VerificationTimeIgnored = false;
        policy.ApplicationPolicy.Add(ClientAuth);
        if (!chain.Build(certificate) || chain.ChainElements.Count < 2)
        {
            return false;
        }

        // The certificate's direct issuer must be a device issuing CA, not the root itself or another CA under it.
        var issuer = chain.ChainElements[1].Certificate;
        return trust.IssuingCas.Any(ca => ca.RawDataMemory.Span.SequenceEqual(issuer.RawDataMemory.Span));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Device route refused at the door: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
