using Kavach.Hosting.Composition;
using System.Net;
using Kavach.Hosting.Configuration;

namespace Kavach.Hosting.Web.Tls;

/// <summary>
/// Refuses to start plain HTTP on anything but loopback unless <see cref="TlsOptions.AllowPlainHttp"/> says a
/// TLS-terminating proxy stands in front. Checks every place ASP.NET Core takes addresses from: <c>urls</c>
/// (<c>--urls</c>, <c>ASPNETCORE_URLS</c>), <c>http_ports</c> (<c>ASPNETCORE_HTTP_PORTS</c>, which binds every
/// interface) and <c>Kestrel:Endpoints:*:Url</c>.
/// </summary>
public static class PlainHttpGuard
{
    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first plain-HTTP, non-loopback address.</summary>
    public static void Check(IConfiguration configuration, TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        if (options.AllowPlainHttp)
        {
            return;
        }

        foreach (var url in Addresses(configuration))
        {
            if (IsPlainNonLoopback(url))
            {
                throw new KavachConfigurationException(
                    "Kavach:Tls:AllowPlainHttp",
                    $"refusing to serve plain HTTP on '{url}': only loopback may be plain HTTP. Use an https:// address, " +
                    "or set Kavach:Tls:AllowPlainHttp=true when a TLS-terminating proxy is in front.");
            }
        }
    }

    /// <summary>True when any configured address is <c>https://</c> (so a server certificate is needed).</summary>
    public static bool AnyHttps(IConfiguration configuration) =>
        Addresses(configuration).Any(url => url.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>True for <c>http://</c> addresses whose host is not a loopback name or address.</summary>
    public static bool IsPlainNonLoopback(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var trimmed = url.Trim();
        if (!trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var host = HostOf(trimmed["http://".Length..]);
        return !IsLoopbackHost(host);
    }

    private static IEnumerable<string> Addresses(IConfiguration configuration)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        if (!string.IsNullOrWhiteSpace(urls))
        {
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return url;
            }
        }
        else if (configuration[WebHostDefaults.HttpPortsKey] is { Length: > 0 } ports)
        {
            foreach (var port in ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return $"http://*:{port}";
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                yield return url;
            }
        }
    }

    private static string HostOf(string rest)
    {
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? rest[1..close] : rest;
        }

        var end = rest.IndexOfAny([':', '/']);
        return end < 0 ? rest : rest[..end];
    }

    private static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
