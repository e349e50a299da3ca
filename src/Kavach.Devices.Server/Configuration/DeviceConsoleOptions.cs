using Kavach.Hosting.Composition;

namespace Kavach.Devices.Server.Configuration;

/// <summary>
/// The operator console's access to the admin API (<c>Kavach:DeviceServer:Console</c>): the browser origins that may
/// call it cross-origin. None by default: then no CORS header is ever sent.
/// </summary>
public sealed class DeviceConsoleOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = DeviceServerOptions.Section + ":Console";

    /// <summary>Origins (<c>https://console.example.org</c>, scheme, host and port only) allowed to call <c>/admin/*</c> from a browser.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// The origins as browsers send them (lower-case scheme and host, default port dropped), checked: absolute http or
    /// https, no path, query, fragment or user info, no wildcard.
    /// </summary>
    /// <exception cref="KavachConfigurationException">An origin is not one; the setting is named.</exception>
    public IReadOnlyList<string> Origins()
    {
        var origins = new List<string>(AllowedOrigins.Length);
        for (var i = 0; i < AllowedOrigins.Length; i++)
        {
            var text = AllowedOrigins[i]?.Trim() ?? string.Empty;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) ||
                uri.Scheme is not ("https" or "http") ||
                text.Contains('*', StringComparison.Ordinal) ||
                !string.IsNullOrEmpty(uri.UserInfo) ||
                uri.AbsolutePath != "/" ||
                !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw new KavachConfigurationException(
                    $"{Section}:{nameof(AllowedOrigins)}",
                    $"entry {i} ('{text}') must be an absolute http or https origin without path, query or wildcard, such as https://console.example.org");
            }

            origins.Add(uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant());
        }

        return origins;
    }
}
