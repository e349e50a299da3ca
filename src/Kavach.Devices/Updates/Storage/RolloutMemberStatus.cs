namespace Kavach.Devices.Updates.Storage;

/// <summary>One device's progress in a rollout.</summary>
public enum RolloutMemberStatus
{
    /// <summary>In a group not yet reached, or reached but not yet offered.</summary>
    Pending,

    /// <summary>Offered in a check-in response (<c>updateAvailable</c>).</summary>
    Offered,

    /// <summary>Reported the release installed.</summary>
    Succeeded,

    /// <summary>Reported a failed verification or installation.</summary>
    Failed,
}
