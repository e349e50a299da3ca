namespace Kavach.Server.OpenApi;

/// <summary>The names of the security schemes in the document's components.</summary>
internal static class SecuritySchemeNames
{
    /// <summary>A JWT in the <c>Authorization: Bearer</c> header.</summary>
    public const string Bearer = "bearerAuth";

    /// <summary>The same JWT in MOSIP's <c>Authorization</c> cookie.</summary>
    public const string AuthorizationCookie = "authorizationCookie";

    /// <summary>A partner's client certificate.</summary>
    public const string MutualTls = "mutualTLS";
}
