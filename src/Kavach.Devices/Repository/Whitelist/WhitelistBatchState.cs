namespace Kavach.Devices.Repository.Whitelist;

/// <summary>Where an imported whitelist batch is.</summary>
public enum WhitelistBatchState
{
    /// <summary>Imported, waiting for a second administrator.</summary>
    Pending,

    /// <summary>Approved: its devices are in the registry as Whitelisted.</summary>
    Approved,

    /// <summary>Rejected by a second administrator.</summary>
    Rejected,

    /// <summary>Approved, but its devices could not all enter the registry (a serial appeared meanwhile); none did.</summary>
    Failed,
}
