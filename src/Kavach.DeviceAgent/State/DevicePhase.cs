namespace Kavach.DeviceAgent.State;

/// <summary>Where a device stands with its management server, as the agent records it.</summary>
public static class DevicePhase
{
    /// <summary>Made by the factory, never enrolled.</summary>
    public const string Provisioned = "Provisioned";

    /// <summary>An L0 enrolment the server recorded, waiting for an administrator's approval.</summary>
    public const string PendingApproval = "PendingApproval";

    /// <summary>Certificate received, confirmation not yet accepted.</summary>
    public const string PendingConfirm = "PendingConfirm";

    /// <summary>Enrolled and confirmed: checks in, takes commands.</summary>
    public const string Active = "Active";

    /// <summary>De-registered: the device key is destroyed; nothing more is sent.</summary>
    public const string Deregistered = "Deregistered";
}
