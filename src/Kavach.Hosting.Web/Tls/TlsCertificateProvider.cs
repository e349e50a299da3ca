using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Hosting.Web.Tls;

/// <summary>
/// The server certificate every HTTPS handshake uses: set (and replaced on renewal) by <see cref="TlsCertificateService"/>.
/// Until it is set, handshakes are refused (the key comes from the vault, which may open after Kestrel starts listening).
/// </summary>
public sealed class TlsCertificateProvider
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Current? _current;

    /// <summary>The leaf certificate (with its private key), or null before the first one is ready.</summary>
    public X509Certificate2? Certificate => _current?.Leaf;

    /// <summary>The certificate with its chain (leaf → KERNEL master → ROOT) as sent in handshakes, or null.</summary>
    public SslStreamCertificateContext? Context => _current?.Context;

    /// <summary>Completes once a certificate is set.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Uses <paramref name="leaf"/> (which must hold its private key) with <paramref name="chain"/> for new handshakes.</summary>
    public void Set(X509Certificate2 leaf, X509Certificate2Collection chain)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        if (!leaf.HasPrivateKey)
        {
            throw new ArgumentException("The server certificate needs its private key.", nameof(leaf));
        }

        // The chain is resolved once here, offline, not per handshake.
        var context = SslStreamCertificateContext.Create(leaf, chain, offline: true);
        _current = new Current(leaf, context);
        _ready.TrySetResult();
    }

    private sealed record Current(X509Certificate2 Leaf, SslStreamCertificateContext Context);
}
