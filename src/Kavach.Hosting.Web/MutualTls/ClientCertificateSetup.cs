using System.Net.Security;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Kavach.Hosting.Web.MutualTls;

/// <summary>
/// The TLS side of partner mTLS, for whoever configures HTTPS: ask for a client certificate but never require one, and
/// leave its validation to Kavach's trust store (the host's client-certificate check, e.g. the server's <c>ClientCertificateAuthenticator</c> or the partner channel's middleware) rather than the OS
/// chain check, which knows nothing of partner domains. Applied to every Kestrel HTTPS endpoint through
/// <c>ConfigureHttpsDefaults</c>; a TLS set-up that builds its own <see cref="SslServerAuthenticationOptions"/> calls
/// <see cref="Apply(SslServerAuthenticationOptions)"/>.
/// </summary>
public static class ClientCertificateSetup
{
    /// <summary>Requests (not requires) a client certificate and accepts any at the TLS layer.</summary>
    public static void Apply(HttpsConnectionAdapterOptions https)
    {
        ArgumentNullException.ThrowIfNull(https);
        https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
        https.AllowAnyClientCertificate();
    }

    /// <summary>The same for a hand-built <see cref="SslServerAuthenticationOptions"/> (e.g. a TLS handshake callback).</summary>
    public static void Apply(SslServerAuthenticationOptions ssl)
    {
        ArgumentNullException.ThrowIfNull(ssl);
        ssl.ClientCertificateRequired = true;
#pragma warning disable CA5359 // a client certificate is validated against the partner trust store after the handshake
        ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
    }
}
