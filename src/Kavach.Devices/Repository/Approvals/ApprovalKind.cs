namespace Kavach.Devices.Repository.Approvals;

/// <summary>The actions that need a second administrator (four-eyes, issue 16 item 1).</summary>
public enum ApprovalKind
{
    /// <summary>A signed whitelist batch enters the registry (subject: the batch id).</summary>
    WhitelistImport,

    /// <summary>A device is de-registered (subject: its serial).</summary>
    Deregistration,

    /// <summary>A firmware rollout starts (subject: the rollout or release id).</summary>
    Rollout,

    /// <summary>An L0 device's enrolment is accepted (subject: its serial).</summary>
    L0Enrolment,
}
