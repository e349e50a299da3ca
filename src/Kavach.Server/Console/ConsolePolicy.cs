using Kavach.Hosting.Configuration;

namespace Kavach.Server.Console;

/// <summary>
/// The console's content security policy: scripts, styles and images from this server only (no inline code, no
/// eval), and fetches to this server plus the two origins the operator configured (the OIDC provider's discovery and
/// token endpoints, the device server's admin API). Nothing else loads, nothing frames the console.
/// </summary>
internal static class ConsolePolicy
{
    public static string For(ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connect = new List<string> { "'self'" };
        if (options.Oidc?.Authority is { } authority)
        {
            connect.Add(ConsoleSettings.Origin(authority));
        }

        if (options.DeviceServerUrl is { } devices)
        {
            connect.Add(ConsoleSettings.Origin(devices));
        }

        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; " +
               $"connect-src {string.Join(' ', connect.Distinct(StringComparer.Ordinal))}; " +
               "base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'; object-src 'none'";
    }
}
