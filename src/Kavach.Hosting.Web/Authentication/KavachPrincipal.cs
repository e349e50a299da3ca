using System.Security.Claims;

namespace Kavach.Hosting.Web.Authentication;

/// <summary>Builds the one principal shape every authentication path produces.</summary>
internal static class KavachPrincipal
{
    public static ClaimsPrincipal Create(string authenticationType, string subject, string userName, string issuer, IEnumerable<string> roles, params Claim[] extra)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, userName),
            new(KavachClaimTypes.Subject, subject),
            new(KavachClaimTypes.Issuer, issuer),
        };
        claims.AddRange(roles.Distinct(StringComparer.Ordinal).Select(role => new Claim(ClaimTypes.Role, role)));
        claims.AddRange(extra);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The partition key of a caller for rate limiting: issuer and subject.</summary>
    public static string? PartitionKey(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? $"{user.FindFirst(KavachClaimTypes.Issuer)?.Value}|{user.FindFirst(KavachClaimTypes.Subject)?.Value}"
            : null;
}
