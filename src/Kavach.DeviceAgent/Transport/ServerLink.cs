using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Kavach.DeviceAgent.State;

namespace Kavach.DeviceAgent.Transport;

/// <summary>
/// HTTPS to the one pinned management server (TLS 1.3 only, <see cref="PinnedServerValidation"/>), without a client
/// certificate (enrolment, time, challenge) or with the device certificate (everything else). Clients are kept per
/// certificate and dropped when the certificate changes (rotation).
/// </summary>
public sealed class ServerLink : IDisposable
{
    private readonly PinnedServerValidation _validation;
    private readonly Func<HttpMessageHandler, HttpMessageHandler>? _wrap;
    private readonly Lock _gate = new();
    private HttpClient? _anonymous;
    private (X509Certificate2 Certificate, HttpClient Client)? _mutual;

    /// <summary>Links to the server of <paramref name="binding"/>.</summary>
    public ServerLink(ServerBinding binding)
        : this(binding, null)
    {
    }

    /// <summary>Tests put a relay around the real transport (to replay or swap what a man in the middle could).</summary>
    internal ServerLink(ServerBinding binding, Func<HttpMessageHandler, HttpMessageHandler>? wrap)
    {
        _wrap = wrap;
        ArgumentNullException.ThrowIfNull(binding);
        Binding = binding;
        BaseAddress = new Uri(binding.Server.TrimEnd('/') + "/", UriKind.Absolute);
        Root = X509Certificate2.CreateFromPem(binding.RootPem);
        _validation = new PinnedServerValidation(Root, binding.Pins);
    }

    /// <summary>The binding.</summary>
    public ServerBinding Binding { get; }

    /// <summary>The server's base address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The pinned root: TLS and response signatures chain to it.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>Why the last TLS handshake was refused, or null.</summary>
    public string? LastTlsRefusal => _validation.LastRefusal;

    /// <summary>The absolute address of <paramref name="path"/> (the <c>aud</c> of a message to it).</summary>
    public string Audience(string path) => new Uri(BaseAddress, path.TrimStart('/')).ToString();

    /// <summary>A client without a client certificate.</summary>
    public HttpClient Anonymous()
    {
        lock (_gate)
        {
            return _anonymous ??= Create(null);
        }
    }

    /// <summary>A client presenting <paramref name="certificate"/> (its key in the device's key store).</summary>
    public HttpClient Mutual(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        lock (_gate)
        {
            if (_mutual is { } current && ReferenceEquals(current.Certificate, certificate))
            {
                return current.Client;
            }

            _mutual?.Client.Dispose();
            var client = Create(certificate);
            _mutual = (certificate, client);
            return client;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _anonymous?.Dispose();
            _mutual?.Client.Dispose();
            Root.Dispose();
        }
    }

    private HttpClient Create(X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        handler.SslOptions.EnabledSslProtocols = SslProtocols.Tls13;
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, chain, errors) => _validation.Validate(presented, chain, errors);
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        return new HttpClient(_wrap?.Invoke(handler) ?? handler)
        {
            BaseAddress = BaseAddress,
            DefaultRequestVersion = HttpVersion.Version11,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }
}
