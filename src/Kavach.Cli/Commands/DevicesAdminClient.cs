using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kavach.Cli.Commands;

/// <summary>
/// The HTTP side of <c>kavach devices</c>: the device server's admin API with a bearer token. The server's TLS
/// certificate is checked against the system store, or only against <c>--ca</c> when given (the device server's
/// certificate chains to Kavach's ROOT unless the operator installed another). Errors come back as one line with the
/// server's KER-DEV code.
/// </summary>
internal sealed class DevicesAdminClient : IDisposable
{
    private const long MaxResponseBytes = 16 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly X509Certificate2Collection _roots;

    private DevicesAdminClient(Uri server, string token, X509Certificate2Collection roots)
    {
        _roots = roots;
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        if (roots.Count > 0)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = ValidateAgainstRoots;
        }

        _http = new HttpClient(handler)
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromMinutes(5),
            MaxResponseContentBufferSize = MaxResponseBytes,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>A client for <paramref name="server"/>; <paramref name="caFile"/> (PEM) replaces the system trust when given.</summary>
    public static DevicesAdminClient Create(string server, string token, string? caFile)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new CliFailureException($"--server must be an http(s) URL, not '{server}'");
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            throw new CliFailureException("a token is needed: --token, --token-file or KAVACH_TOKEN");
        }

        var roots = new X509Certificate2Collection();
        if (caFile is not null)
        {
            try
            {
                roots.ImportFromPemFile(caFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new CliFailureException($"--ca {caFile}: cannot read certificates ({e.GetType().Name})");
            }

            if (roots.Count == 0)
            {
                throw new CliFailureException($"--ca {caFile}: no certificate in the file");
            }
        }

        return new DevicesAdminClient(new Uri(uri.GetLeftPart(UriPartial.Authority)), token.Trim(), roots);
    }

    public Task<JsonNode?> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<JsonNode?> PostJsonAsync(string path, JsonNode? body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json"),
        }, cancellationToken);

    public Task<JsonNode?> PostBytesAsync(string path, byte[] body, string mediaType, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } },
        }, cancellationToken);

    public void Dispose()
    {
        _http.Dispose();
        foreach (var root in _roots)
        {
            root.Dispose();
        }
    }

    private async Task<JsonNode?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new CliFailureException($"cannot reach {_http.BaseAddress}: {e.Message}");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliFailureException($"{_http.BaseAddress} did not answer in time");
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                var json = Parse(text);
                if (response.IsSuccessStatusCode)
                {
                    return json;
                }

                var code = json?["errorCode"]?.GetValue<string>() ?? $"HTTP {(int)response.StatusCode}";
                var message = json?["message"]?.GetValue<string>() ?? response.ReasonPhrase ?? "request refused";
                throw new CliFailureException($"{code} {message} (HTTP {(int)response.StatusCode})");
            }
        }
    }

    private static JsonNode? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private bool ValidateAgainstRoots(object sender, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf);
    }
}
