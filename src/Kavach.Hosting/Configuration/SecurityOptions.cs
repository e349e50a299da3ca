using Kavach.Hosting.Security.Options;

namespace Kavach.Hosting.Configuration;

/// <summary>
/// The <c>Kavach:Security</c> section: who may call (JWT issuers, the local issuer, partner mTLS), what each role may
/// call, and the limits that keep a misbehaving client from hurting others.
/// </summary>
public sealed class SecurityOptions
{
    /// <summary>External OIDC / JWT issuers and token handling.</summary>
    public JwtAuthenticationOptions Jwt { get; set; } = new();

    /// <summary>The embedded token issuer whose key lives in Kavach's own hierarchy.</summary>
    public LocalIssuerOptions LocalIssuer { get; set; } = new();

    /// <summary>Partner authentication by TLS client certificate.</summary>
    public MutualTlsOptions Mtls { get; set; } = new();

    /// <summary>The per-endpoint role table (overrides of the defaults).</summary>
    public AccessRulesOptions Authorization { get; set; } = new();

    /// <summary>Which roles and clients may use which applications' keys (overrides of the defaults; deny by default).</summary>
    public ApplicationBindingOptions ApplicationBindings { get; set; } = new();

    /// <summary>Limits on implicit base-key creation per caller and application.</summary>
    public KeyCreationOptions KeyCreation { get; set; } = new();

    /// <summary>Per-client rate limits.</summary>
    public ClientRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Kestrel timeouts and header limits.</summary>
    public ServerLimitsOptions Limits { get; set; } = new();
}
