using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Kavach.PartnerChannel;

/// <summary>Kestrel's HTTPS settings for a partner channel endpoint.</summary>
public static class PartnerChannelTls
{
    /// <summary>
    /// Serves <paramref name="serverCertificate"/> and asks every client for a certificate without judging it in the
    /// handshake: the middleware's <see cref="Partners.IPartnerResolver"/> checks it against the partner TLS CA, so a
    /// missing or foreign certificate gets the channel's one refusal and an audit record instead of a bare TLS alert.
    /// </summary>
    public static HttpsConnectionAdapterOptions ConfigurePartnerChannel(this HttpsConnectionAdapterOptions options, X509Certificate2 serverCertificate)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(serverCertificate);
        options.ServerCertificate = serverCertificate;
        options.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
        options.ClientCertificateValidation = static (_, _, _) => true;
        options.SslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13;
        return options;
    }

    /// <summary>Listens with <see cref="ConfigurePartnerChannel"/> on <paramref name="listenOptions"/>.</summary>
    public static ListenOptions UsePartnerChannelHttps(this ListenOptions listenOptions, X509Certificate2 serverCertificate)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        return listenOptions.UseHttps(https => https.ConfigurePartnerChannel(serverCertificate));
    }
}
