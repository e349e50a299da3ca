namespace Kavach.Trust.Channel;

/// <summary>
/// What a partner id and organisation may be. The id becomes a certificate common name, a URI
/// (<c>urn:kavach:partner:&lt;id&gt;</c>), a header value and a primary key, so it is kept to a plain token.
/// </summary>
public static class ChannelPartnerIds
{
    /// <summary>Longest partner id.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Longest organisation name.</summary>
    public const int MaxOrganizationLength = 128;

    /// <summary>True for 1–64 characters of ASCII letters, digits, '.', '_' and '-', starting with a letter or digit.</summary>
    public static bool IsValidId(string? partnerId) =>
        partnerId is { Length: > 0 and <= MaxIdLength } &&
        char.IsAsciiLetterOrDigit(partnerId[0]) &&
        partnerId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>True for 1–128 characters without control characters, not blank.</summary>
    public static bool IsValidOrganization(string? organization) =>
        !string.IsNullOrWhiteSpace(organization) && organization.Length <= MaxOrganizationLength && !organization.Any(char.IsControl);

    /// <summary>The SAN URI of a partner's TLS client certificate.</summary>
    public static string Uri(string partnerId) => "urn:kavach:partner:" + partnerId;
}
