namespace Kavach.Hosting.Web.Authentication;

/// <summary>Reads the bearer token from the <c>Authorization</c> header or, as MOSIP does, the <c>Authorization</c> cookie.</summary>
internal static class BearerCredential
{
    private const string Prefix = "Bearer ";

    /// <summary>The presented token (maybe garbage), or null when nothing was presented.</summary>
    public static string? Read(HttpRequest request, string cookieName)
    {
        var header = request.Headers.Authorization;
        var value = header.Count > 0 ? header.ToString() : request.Cookies[cookieName];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        return value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? value[Prefix.Length..].Trim() : value;
    }
}
