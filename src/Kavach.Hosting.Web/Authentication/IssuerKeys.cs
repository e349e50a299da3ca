using Microsoft.IdentityModel.Tokens;

namespace Kavach.Hosting.Web.Authentication;

/// <summary>An issuer's verification keys as last fetched, and the issuer name its metadata declared.</summary>
internal sealed record IssuerKeys(IReadOnlyList<SecurityKey> Keys, string? Issuer, bool Available)
{
    public static readonly IssuerKeys Unavailable = new([], null, false);
}
