namespace Kavach.Hosting.Tokens;

/// <summary>What <see cref="AdminTokenFile.EnsureAsync"/> did.</summary>
public enum AdminTokenOutcome
{
    /// <summary>The local issuer or the admin token is turned off.</summary>
    Disabled,

    /// <summary>The file holds a token that is still fresh.</summary>
    Kept,

    /// <summary>A first token was written.</summary>
    Created,

    /// <summary>An old, invalid or expiring token was replaced.</summary>
    Renewed,
}
