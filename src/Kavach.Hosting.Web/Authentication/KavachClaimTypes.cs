namespace Kavach.Hosting.Web.Authentication;

/// <summary>Claim types of the principal the security layer puts on <c>HttpContext.User</c> (for audit and handlers).</summary>
public static class KavachClaimTypes
{
    /// <summary>The subject: a token's <c>sub</c>, or <c>partner:&lt;certificate thumbprint&gt;</c> for mTLS.</summary>
    public const string Subject = "sub";

    /// <summary>Who vouched for the caller: a token's <c>iss</c>, or <c>mtls:&lt;domain&gt;</c>.</summary>
    public const string Issuer = "iss";

    /// <summary>The OIDC client a token was issued to: its <c>azp</c>, else its <c>client_id</c> (matched by the application bindings).</summary>
    public const string ClientId = "client_id";

    /// <summary>The partner domain of an mTLS caller.</summary>
    public const string PartnerDomain = "partner_domain";

    /// <summary>The SHA-256 thumbprint (upper-case hex) of an mTLS caller's certificate.</summary>
    public const string CertificateThumbprint = "x5t#S256";

    /// <summary>The authentication types set on the identity.</summary>
    public const string BearerAuthentication = "Bearer";

    /// <summary>The authentication type of certificate callers.</summary>
    public const string CertificateAuthentication = "mTLS";
}
