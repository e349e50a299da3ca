using System.Security.Cryptography.X509Certificates;
using Kavach.PartnerChannel;
using Kavach.PartnerChannel.Client;
using Kavach.PartnerChannel.Keys;
using Kavach.Trust.Channel;

namespace Kavach.Gateway.Tests.Support;

/// <summary>A partner onboarded through the onboarding service: what it holds and pins, and an SDK client for it.</summary>
internal sealed class Partner : IDisposable
{
    private Partner(string id, X509Certificate2 tls, CertificateChannelKeys keys, X509Certificate2 serverSigning, X509Certificate2 serverEncryption, X509Certificate2Collection caBundle)
    {
        Id = id;
        Tls = tls;
        Keys = keys;
        ServerSigning = serverSigning;
        ServerEncryption = serverEncryption;
        CaBundle = caBundle;
    }

    public string Id { get; }

    /// <summary>The TLS client certificate (with its key) the partner TLS CA issued.</summary>
    public X509Certificate2 Tls { get; }

    public CertificateChannelKeys Keys { get; }

    public X509Certificate2 ServerSigning { get; }

    public X509Certificate2 ServerEncryption { get; }

    /// <summary>What the partner pins for our TLS side (partner TLS CA and ROOT; ROOT also anchors the gateway's server certificate).</summary>
    public X509Certificate2Collection CaBundle { get; }

    /// <summary>Onboards <paramref name="id"/> on <paramref name="gateway"/> (domain AUTH, application IDA).</summary>
    public static async Task<Partner> OnboardAsync(TestGateway gateway, string id, string organization = "Partner Org")
    {
        using var ca = PartnerPki.Ca(id + " CA");
        var signing = PartnerPki.Leaf(ca, id + " signing", organization);
        var encryption = PartnerPki.Leaf(ca, id + " encryption", organization);
        var (csr, tlsKey) = PartnerPki.Csr(id);
        var result = await gateway.Onboarding.OnboardAsync(
            new PartnerOnboardingRequest(id, organization, "AUTH", PartnerPki.Pem(ca), PartnerPki.Pem(signing), PartnerPki.Pem(encryption), csr, "IDA"),
            "test",
            CancellationToken.None);
        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Code + " " + result.Error.Message);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(result.Value.TlsChain);
        using (tlsKey)
        {
            using var withKey = chain[0].CopyWithPrivateKey(tlsKey);
            var bundle = new X509Certificate2Collection();
            bundle.ImportFromPem(result.Value.CaBundle);
            return new Partner(
                id,
                PartnerPki.Reload(withKey),
                new CertificateChannelKeys(signing, encryption),
                X509Certificate2.CreateFromPem(result.Value.ServerSigningCertificate),
                X509Certificate2.CreateFromPem(result.Value.ServerEncryptionCertificate),
                bundle);
        }
    }

    /// <summary>The partner SDK over mutual TLS; <paramref name="tls"/> replaces the issued TLS certificate, <paramref name="tap"/> sees what goes on the wire.</summary>
    public HttpClient Client(TestGateway gateway, ChannelProfile profile, TimeProvider? time = null, X509Certificate2? tls = null, WireTap? tap = null, bool encryptMosip = true, IChannelSigner? signer = null, bool noClientCertificate = false, DelegatingHandler? onPath = null)
    {
        var options = new PartnerChannelClientOptions
        {
            Profile = profile,
            ServerSigningCertificate = ServerSigning,
            ServerEncryptionCertificate = ServerEncryption,
            Signer = signer ?? Keys,
            Decryptor = Keys,
            EncryptMosipRequest = profile == ChannelProfile.Mosip && encryptMosip,
        };
        HttpMessageHandler transport = Transport(noClientCertificate ? null : tls ?? Tls);
        if (onPath is not null)
        {
            onPath.InnerHandler = transport;
            transport = onPath;
        }

        if (tap is not null)
        {
            tap.InnerHandler = transport;
            transport = tap;
        }

        var handler = new PartnerChannelHandler(options, time ?? gateway.Time) { InnerHandler = transport };
        return new HttpClient(handler) { BaseAddress = gateway.Address };
    }

    /// <summary>Mutual TLS with <paramref name="tls"/> (null: no client certificate), trusting only the pinned bundle.</summary>
    public HttpMessageHandler Transport(X509Certificate2? tls) =>
        tls is null ? NoClientCertificate(CaBundle) : PartnerHttpClientFactory.CreateHandler(tls, CaBundle);

    private static SocketsHttpHandler NoClientCertificate(X509Certificate2Collection bundle)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(bundle);
        return new SocketsHttpHandler { SslOptions = new System.Net.Security.SslClientAuthenticationOptions { CertificateChainPolicy = policy } };
    }

    public void Dispose()
    {
        Tls.Dispose();
        Keys.Dispose();
    }
}
