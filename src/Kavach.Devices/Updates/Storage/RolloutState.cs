namespace Kavach.Devices.Updates.Storage;

/// <summary>Where a rollout is (hawkBit's model with a four-eyes start).</summary>
public enum RolloutState
{
    /// <summary>Created; waits for a second administrator's approval before any device is offered the release.</summary>
    PendingApproval,

    /// <summary>Approved; devices of the groups up to the current one are offered the release.</summary>
    Running,

    /// <summary>Paused by an administrator; nothing new is offered, reports are still recorded.</summary>
    Paused,

    /// <summary>Every group reached the success threshold.</summary>
    Completed,

    /// <summary>Stopped: the error threshold was reached, or an administrator aborted it. Nothing is offered any more.</summary>
    Aborted,

    /// <summary>The approver rejected it; it never started.</summary>
    Rejected,
}
