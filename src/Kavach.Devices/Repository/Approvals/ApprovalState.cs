namespace Kavach.Devices.Repository.Approvals;

/// <summary>Where a four-eyes request is.</summary>
public enum ApprovalState
{
    /// <summary>Waiting for a second administrator.</summary>
    Pending,

    /// <summary>Approved; the kind's handler is acting on it (a short transient state that makes the handler run once).</summary>
    Applying,

    /// <summary>Approved and acted on.</summary>
    Approved,

    /// <summary>Rejected by a second administrator.</summary>
    Rejected,

    /// <summary>Approved, but the handler refused to act (the outcome holds its error code); nothing was applied.</summary>
    Failed,
}
