namespace Kavach.Storage.Inventory;

/// <summary>The state a key inventory query filters on (the states of <c>Kavach.Keys.Inventory.KeyStates</c>).</summary>
public enum KeyAliasState
{
    /// <summary>Valid now.</summary>
    Active,

    /// <summary>Its validity ended, and it was not revoked.</summary>
    Expired,

    /// <summary>Named revoked by the audit trail.</summary>
    Revoked,

    /// <summary>Its validity starts later.</summary>
    Future,
}
