using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

// Sends prepared requests as fast as the target answers: one keep-alive connection per worker, each worker taking the
// next unsent request, so every request is sent once (each is valid once: a nonce, a signature). wrk cannot present a
// TLS client certificate and a Python client cannot keep a gateway busy on two cores, hence this small client.
//
//   Kavach.Bench.Load --url URL --requests FILE --connections N [--cert CHAIN.pem --key KEY.pem --ca BUNDLE.pem]
//
// FILE holds one request per line: {"body":"<base64>","headers":{"name":"value",...}} (POSTed to URL).
// Prints one JSON line: {"sent":..,"statuses":{"200":..},"seconds":..}.
var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    arguments[args[i].TrimStart('-')] = args[i + 1];
}

var url = new Uri(arguments["url"]);
var connections = int.Parse(arguments.GetValueOrDefault("connections", "32"), CultureInfo.InvariantCulture);
var requests = File.ReadLines(arguments["requests"]).Where(line => line.Length > 0).Select(Prepared.Parse).ToArray();

var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
if (arguments.TryGetValue("cert", out var certPath))
{
    var chain = new X509Certificate2Collection();
    chain.ImportFromPemFile(certPath);
    using var leaf = X509Certificate2.CreateFromPemFile(certPath, arguments["key"]);
    var client = X509CertificateLoader.LoadPkcs12(leaf.Export(X509ContentType.Pkcs12), null);
    handler.SslOptions.ClientCertificateContext = SslStreamCertificateContext.Create(client, new X509Certificate2Collection(chain.Skip(1).ToArray()), offline: true);
}

if (arguments.TryGetValue("ca", out var caPath))
{
    var anchors = new X509Certificate2Collection();
    anchors.ImportFromPemFile(caPath);
    handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, presented, _) =>
    {
        if (certificate is null)
        {
            return false;
        }

        // The server's own chain (its intermediates) up to one of the pinned anchors.
        using var trust = new X509Chain();
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                trust.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        trust.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        trust.ChainPolicy.CustomTrustStore.AddRange(anchors);
        trust.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return trust.Build(new X509Certificate2(certificate));
    };
}

using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
var next = -1;
var statuses = new int[600];
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
{
    for (var i = Interlocked.Increment(ref next); i < requests.Length; i = Interlocked.Increment(ref next))
    {
        using var message = requests[i].ToMessage(url);
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead);
        await response.Content.ReadAsByteArrayAsync();
        Interlocked.Increment(ref statuses[Math.Clamp((int)response.StatusCode, 0, statuses.Length - 1)]);
    }
})));
clock.Stop();

var counts = statuses.Select((count, status) => (count, status)).Where(s => s.count > 0)
    .ToDictionary(s => s.status.ToString(CultureInfo.InvariantCulture), s => s.count);
Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
{
    ["sent"] = requests.Length,
    ["statuses"] = counts,
    ["seconds"] = clock.Elapsed.TotalSeconds,
}));

internal sealed record Prepared(byte[] Body, KeyValuePair<string, string>[] Headers)
{
    public static Prepared Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var headers = root.GetProperty("headers").EnumerateObject().Select(h => KeyValuePair.Create(h.Name, h.Value.GetString() ?? string.Empty)).ToArray();
        return new Prepared(Convert.FromBase64String(root.GetProperty("body").GetString() ?? string.Empty), headers);
    }

    public HttpRequestMessage ToMessage(Uri url)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Body), Version = new Version(1, 1) };
        foreach (var (name, value) in Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }
}
