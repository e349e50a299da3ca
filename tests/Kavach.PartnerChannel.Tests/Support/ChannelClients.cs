using System.Security.Cryptography.X509Certificates;
using Kavach.PartnerChannel.Client;
using Kavach.PartnerChannel.Keys;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.PartnerChannel.Tests.Support;

/// <summary>Partner-side HTTP clients for the end-to-end tests.</summary>
internal static class ChannelClients
{
    /// <summary>The SDK: channel handler (and an optional handler below it) over mutual TLS.</summary>
    public static HttpClient Sdk(ChannelTestServer server, TestPartner partner, ChannelProfile profile, TimeProvider? time = null,
        DelegatingHandler? between = null, bool encryptMosip = false, X509Certificate2? tls = null, CertificateChannelKeys? pinned = null)
    {
        TestPki pki = TestPki.Instance;
        var options = new PartnerChannelClientOptions
        {
            Profile = profile,
            Signer = partner.Keys,
            Decryptor = partner.Keys,
            ServerSigningCertificate = PublicOnly((pinned ?? pki.ServerKeys).SigningCertificate),
            ServerEncryptionCertificate = PublicOnly(pki.ServerKeys.EncryptionCertificate),
            EncryptMosipRequest = encryptMosip,
        };
        HttpMessageHandler transport = PartnerHttpClientFactory.CreateHandler(tls ?? partner.Tls, pki.ServerTlsBundle);
        if (between is not null)
        {
            between.InnerHandler = transport;
            transport = between;
        }

        var handler = new PartnerChannelHandler(options, time ?? new FakeTimeProvider(server.Time.GetUtcNow())) { InnerHandler = transport };
        return new HttpClient(handler) { BaseAddress = server.Address };
    }

    /// <summary>Mutual TLS only: requests go as the test writes them (for hand-made attacks).</summary>
    public static HttpClient Raw(ChannelTestServer server, X509Certificate2? tls)
    {
        TestPki pki = TestPki.Instance;
        HttpMessageHandler transport = tls is null
            ? new SocketsHttpHandler
            {
                SslOptions = new System.Net.Security.SslClientAuthenticationOptions
                {
                    CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { pki.ServerTlsCa }, RevocationMode = X509RevocationMode.NoCheck },
                },
            }
            : PartnerHttpClientFactory.CreateHandler(tls, pki.ServerTlsBundle);
        return new HttpClient(transport) { BaseAddress = server.Address };
    }

    public static X509Certificate2 PublicOnly(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);
}
