namespace Kavach.Keys.Vault;

/// <summary>Whether a vault can serve key operations now, and if not, why (no secrets in the reason).</summary>
public sealed record VaultStatus(bool IsReady, string Description);
