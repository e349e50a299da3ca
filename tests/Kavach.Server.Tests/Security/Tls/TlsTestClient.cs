using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kavach.Server.Tests.Security.Tls;

/// <summary>A raw TLS client for the HTTPS tests: one handshake with chosen protocols and trust, then one GET.</summary>
internal static class TlsTestClient
{
    /// <summary>Connects, handshakes, GETs <paramref name="path"/>; returns the protocol, the server's chain and the status line.</summary>
    public static async Task<(SslProtocols Protocol, X509Certificate2 Leaf, string StatusLine)> GetAsync(
        Uri https, SslProtocols protocols, X509Certificate2 trustedRoot, string path = "/health/live")
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(https.Host, https.Port);
        await using var ssl = new SslStream(tcp.GetStream());
        X509Certificate2? leaf = null;
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = protocols,
            RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
            {
                leaf = new X509Certificate2(certificate!);
                return ChainsTo(leaf, trustedRoot, chain);
            },
        });
        var request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        await ssl.WriteAsync(request);
        using var reader = new StreamReader(ssl, Encoding.ASCII);
        var status = await reader.ReadLineAsync() ?? string.Empty;
        return (ssl.SslProtocol, leaf!, status);
    }

    /// <summary>True when <paramref name="leaf"/> chains to <paramref name="root"/> with the intermediates the server sent.</summary>
    public static bool ChainsTo(X509Certificate2 leaf, X509Certificate2 root, X509Chain? sent)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (sent is not null)
        {
            foreach (var element in sent.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf);
    }
}
