namespace Kavach.Devices.Hooks;

/// <summary>Where an outbox row is.</summary>
public enum HookDeliveryState
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt failed, or the receiver refused it for good (4xx other than 408/429): an operator looks at it.</summary>
    Failed,
}
