using System.Text.RegularExpressions;

namespace Kavach.Hosting.Configuration;

/// <summary>
/// Checks the console's settings: the identity provider and the device server are origins the console's content
/// security policy lets the browser reach, so each must be an absolute https URL (http only on loopback, for a
/// developer's machine) with nothing a header could be bent by.
/// </summary>
public static partial class ConsoleSettings
{
    /// <summary>The origin (scheme://host:port) of a URL that passed <see cref="Validate"/>.</summary>
    public static string Origin(string url) => new Uri(url, UriKind.Absolute).GetLeftPart(UriPartial.Authority);

    internal static void Validate(ConsoleOptions options, List<string> failures)
    {
        if (options.Oidc is { } oidc)
        {
            CheckUrl("Kavach:Console:Oidc:Authority", oidc.Authority, failures);
            if (string.IsNullOrWhiteSpace(oidc.ClientId) || !ClientId().IsMatch(oidc.ClientId))
            {
                failures.Add("Kavach:Console:Oidc:ClientId: must name the console's public client (letters, digits, '.', '_', '-', ':')");
            }

            if (string.IsNullOrWhiteSpace(oidc.Scope) || !Scope().IsMatch(oidc.Scope) || !oidc.Scope.Split(' ').Contains("openid"))
            {
                failures.Add("Kavach:Console:Oidc:Scope: must be space-separated scope names including openid");
            }
        }

        if (options.DeviceServerUrl is not null)
        {
            CheckUrl("Kavach:Console:DeviceServerUrl", options.DeviceServerUrl, failures);
        }
    }

    private static void CheckUrl(string setting, string? value, List<string> failures)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) ||
            !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)) ||
            !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            failures.Add($"{setting}: must be an absolute https URL without query or fragment (http only on loopback)");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex ClientId();

    [GeneratedRegex("^[A-Za-z0-9._:/-]+( [A-Za-z0-9._:/-]+)*$")]
    private static partial Regex Scope();
}
