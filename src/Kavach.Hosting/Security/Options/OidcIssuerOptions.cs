namespace Kavach.Hosting.Security.Options;

/// <summary>
/// One trusted token issuer: its signing keys come from OIDC discovery (<see cref="Authority"/> or
/// <see cref="MetadataAddress"/>), a JWKS address (<see cref="JwksUri"/>) or configured keys (<see cref="SigningKeys"/>,
/// <see cref="SigningKeysFile"/>).
/// </summary>
public sealed class OidcIssuerOptions
{
    /// <summary>The algorithms accepted when none are configured (never <c>none</c>, never HMAC).</summary>
    public static readonly IReadOnlyList<string> DefaultAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    /// <summary>The role claims read when none are configured: Keycloak's realm roles and a plain <c>roles</c> claim.</summary>
    public static readonly IReadOnlyList<string> DefaultRoleClaims = ["realm_access.roles", "roles"];

    /// <summary>A name for logs.</summary>
    public string Name { get; set; } = "oidc";

    /// <summary>The expected <c>iss</c>; taken from discovery when blank (and checked against it when both are given).</summary>
    public string? Issuer { get; set; }

    /// <summary>Base address of the provider; discovery is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The discovery document's address, when it is not under <see cref="Authority"/>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>The JWKS address; skips discovery (then <see cref="Issuer"/> is required).</summary>
    public string? JwksUri { get; set; }

    /// <summary>Signing keys given inline: PEM public keys or certificates, or a JWKS JSON document.</summary>
    public List<string> SigningKeys { get; set; } = [];

    /// <summary>A file holding PEM public keys or certificates, or a JWKS JSON document.</summary>
    public string? SigningKeysFile { get; set; }

    /// <summary>Accepted <c>aud</c> values; at least one is required.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>Accepted <c>alg</c> values; <see cref="DefaultAlgorithms"/> when empty.</summary>
    public List<string> Algorithms { get; set; } = [];

    /// <summary>Claims holding roles (dots walk into objects); <see cref="DefaultRoleClaims"/> when empty.</summary>
    public List<string> RoleClaims { get; set; } = [];

    /// <summary>The claim with the user name matched against <c>key_policy_def.access_allowed</c>; <c>sub</c> when absent.</summary>
    public string UserNameClaim { get; set; } = "preferred_username";

    /// <summary>Refuse discovery and JWKS addresses that are not HTTPS (turn off only for loopback tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How long fetched keys are used before they are fetched again.</summary>
    public TimeSpan KeysRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A token with an unknown <c>kid</c> refetches the keys at most this often.</summary>
    public TimeSpan MinimumKeysRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The accepted algorithms in effect.</summary>
    public IReadOnlyList<string> EffectiveAlgorithms => Algorithms.Count > 0 ? Algorithms : DefaultAlgorithms;

    /// <summary>The role claims in effect.</summary>
    public IReadOnlyList<string> EffectiveRoleClaims => RoleClaims.Count > 0 ? RoleClaims : DefaultRoleClaims;
}
