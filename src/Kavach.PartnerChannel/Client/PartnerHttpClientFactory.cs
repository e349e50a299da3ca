using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.PartnerChannel.Client;

/// <summary>Builds the partner's HTTP stack: mutual TLS against the pinned CA bundle, then the channel handler.</summary>
public static class PartnerHttpClientFactory
{
    /// <summary>
    /// A handler that presents <paramref name="tlsClientCertificate"/> (with its private key; the partner TLS
    /// certificate Kavach issued) and trusts only <paramref name="caBundle"/> for the server's certificate
    /// (<see cref="X509ChainTrustMode.CustomRootTrust"/>: the system store is not consulted).
    /// </summary>
    public static SocketsHttpHandler CreateHandler(X509Certificate2 tlsClientCertificate, X509Certificate2Collection caBundle)
    {
        ArgumentNullException.ThrowIfNull(tlsClientCertificate);
        ArgumentNullException.ThrowIfNull(caBundle);
        if (!tlsClientCertificate.HasPrivateKey)
        {
            throw new ArgumentException("The TLS client certificate needs its private key.", nameof(tlsClientCertificate));
        }

        if (caBundle.Count == 0)
        {
            throw new ArgumentException("The CA bundle is empty.", nameof(caBundle));
        }

        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(caBundle);
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                // A context (not a collection) is always sent, whatever CA names the server lists in its request.
                ClientCertificateContext = SslStreamCertificateContext.Create(tlsClientCertificate, additionalCertificates: null, offline: true),
                CertificateChainPolicy = policy,
            },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
    }

    /// <summary>An <see cref="HttpClient"/> with the channel handler over <see cref="CreateHandler"/>.</summary>
    public static HttpClient CreateClient(PartnerChannelClientOptions options, X509Certificate2 tlsClientCertificate, X509Certificate2Collection caBundle, Uri baseAddress, TimeProvider? timeProvider = null)
    {
        var handler = new PartnerChannelHandler(options, timeProvider) { InnerHandler = CreateHandler(tlsClientCertificate, caBundle) };
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }
}
