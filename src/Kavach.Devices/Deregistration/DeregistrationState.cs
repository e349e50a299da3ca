namespace Kavach.Devices.Deregistration;

/// <summary>Where a de-registration request is.</summary>
public enum DeregistrationState
{
    /// <summary>Requested by one administrator; waits for a second one's approval.</summary>
    Requested,

    /// <summary>Approved: the device is Deregistering and the deregister command is queued; waits for its acknowledgement.</summary>
    Deregistering,

    /// <summary>The device acknowledged (or the deadline passed) and its certificate is revoked.</summary>
    Completed,

    /// <summary>The approver rejected it; nothing changed.</summary>
    Rejected,
}
