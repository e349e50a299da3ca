namespace Kavach.Hosting.Web.Authentication;

/// <summary>The kinds of <see cref="AuthenticationOutcome"/>.</summary>
internal enum AuthenticationStatus
{
    /// <summary>No credentials were presented.</summary>
    None,

    /// <summary>The caller is known.</summary>
    Authenticated,

    /// <summary>Credentials were presented and did not verify.</summary>
    Failed,

    /// <summary>A local token cannot be checked yet (the key store is not open).</summary>
    LocalUnavailable,

    /// <summary>The token's issuer cannot be reached and no keys are cached.</summary>
    IssuerUnavailable,
}
