namespace Kavach.Devices.Commands;

/// <summary>One command for one device (table <c>device_command</c>, spec §4.6/§4.11).</summary>
/// <param name="CmdId">The command id (UUIDv4); results are idempotent on it. For <c>rotateKey</c> it is also the rotation id.</param>
/// <param name="SerialNo">The device it is for.</param>
/// <param name="Kind">The catalogue kind (<c>getDeviceInfo</c>, <c>syncTime</c>, <c>rotateKey</c>, …).</param>
/// <param name="Args">The kind's arguments as a JSON object (<c>{}</c> when it has none).</param>
/// <param name="State">Where it is.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="ExpiresAt">After this it is never delivered, and a command without a result times out.</param>
/// <param name="DeliveredAt">The last time it was handed to the device.</param>
/// <param name="CompletedAt">When it reached a final state.</param>
/// <param name="Attempts">How many times it was delivered.</param>
/// <param name="MaxAttempts">Deliveries allowed: a delivered command with no result in time is queued again until this many.</param>
/// <param name="Result">The device's result as a JSON object, once it reported one.</param>
/// <param name="CreatedBy">Who queued it: an administrator, or <c>SYSTEM</c> (rotation, de-registration, rollouts).</param>
public sealed record DeviceCommandRecord(
    string CmdId,
    string SerialNo,
    string Kind,
    string Args,
    DeviceCommandState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? CompletedAt,
    int Attempts,
    int MaxAttempts,
    string? Result,
    string CreatedBy);
