using System.Net.Security;
using System.Security.Authentication;
using Kavach.Hosting.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Kavach.Hosting.Web.Tls;

/// <summary>Kavach's HTTPS set-up: one call from <c>KavachServer.Build</c> (docs/tls.md).</summary>
public static class TlsServerExtensions
{
    /// <summary>TLS 1.2 and 1.3 only.</summary>
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    // Forward-secret AEAD suites only (ECDHE with AES-GCM or ChaCha20-Poly1305, for RSA and ECDSA certificates).
    private static readonly CipherSuitesPolicy Ciphers = new(
    [
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ]);

    /// <summary>
    /// Refuses plain HTTP off loopback (unless allowed), and configures every HTTPS endpoint (<c>https://</c> in
    /// <c>--urls</c>, <c>ASPNETCORE_URLS</c> or <c>Kestrel:Endpoints</c>): TLS 1.2+, strong suites, and the server
    /// certificate from <see cref="TlsOptions.CertificatePath"/> or issued from our hierarchy.
    /// </summary>
    public static WebApplicationBuilder UseKavachTls(this WebApplicationBuilder builder, TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        PlainHttpGuard.Check(builder.Configuration, options);
        var provider = new TlsCertificateProvider();
        builder.Services.AddSingleton(provider);
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            // Loaded now, so a bad file stops the start rather than every handshake.
            var (leaf, chain) = TlsCertificateFiles.Load(options);
            provider.Set(leaf, chain);
        }
        else if (PlainHttpGuard.AnyHttps(builder.Configuration))
        {
            builder.Services.AddHostedService<TlsCertificateService>();
        }

        builder.WebHost.ConfigureKestrel((_, kestrel) => kestrel.ConfigureHttpsDefaults(https =>
            Configure(https, provider, kestrel.ApplicationServices.GetServices<HttpsEndpointHook>())));
        return builder;
    }

    /// <summary>
    /// Registers a change to every Kavach HTTPS endpoint, e.g. <c>services.ConfigureKavachHttps(ClientCertificateSetup.Apply)</c>
    /// for partner mTLS. Use this instead of <c>ConfigureHttpsDefaults</c>, which keeps only its last caller.
    /// </summary>
    public static IServiceCollection ConfigureKavachHttps(this IServiceCollection services, Action<HttpsConnectionAdapterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddSingleton(new HttpsEndpointHook(configure));
    }

    /// <summary>Applies Kavach's settings and the hooks to one endpoint's options.</summary>
    public static void Configure(HttpsConnectionAdapterOptions https, TlsCertificateProvider provider, IEnumerable<HttpsEndpointHook> hooks)
    {
        ArgumentNullException.ThrowIfNull(https);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(hooks);
        https.SslProtocols = Protocols;

        // Kestrel needs a selector or a certificate; the handshake itself gets the full chain below.
        https.ServerCertificateSelector = (_, _) => provider.Certificate;
        foreach (var hook in hooks)
        {
            hook.Configure(https);
        }

        // A hook may narrow the protocols (the device server: TLS 1.3 only), never widen them past TLS 1.2+.
        var protocols = https.SslProtocols & Protocols;
        if (protocols == SslProtocols.None)
        {
            protocols = Protocols;
        }

        https.SslProtocols = protocols;
        var hookAuthenticate = https.OnAuthenticate;
        https.OnAuthenticate = (connection, ssl) =>
        {
            hookAuthenticate?.Invoke(connection, ssl);

            // Kestrel's selector path sends the leaf alone; the context sends leaf + KERNEL master, so clients that
            // trust only our ROOT can verify. Until the key is loaded, handshakes fail (caught and logged by Kestrel).
            var context = provider.Context ?? throw new AuthenticationException("The server certificate is not ready yet.");
            ssl.ServerCertificateSelectionCallback = null;
            ssl.ServerCertificate = null;
            ssl.ServerCertificateContext = context;
            ssl.EnabledSslProtocols = protocols;
            ssl.CipherSuitesPolicy = Ciphers;
        };
    }
}
