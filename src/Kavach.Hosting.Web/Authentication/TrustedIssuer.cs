namespace Kavach.Hosting.Web.Authentication;

/// <summary>One issuer whose tokens are accepted, with what is checked and how roles and the user name are read.</summary>
internal sealed record TrustedIssuer(
    string Name,
    string? ConfiguredIssuer,
    IReadOnlyList<string> Audiences,
    IReadOnlyList<string> Algorithms,
    IReadOnlyList<string> RoleClaims,
    string UserNameClaim,
    CachingKeySource Keys)
{
    public bool IsLocal => Keys.IsLocal;
}
