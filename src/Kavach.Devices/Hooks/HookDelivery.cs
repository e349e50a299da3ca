namespace Kavach.Devices.Hooks;

/// <summary>One outbound hook call in the durable outbox (table <c>device_hook_delivery</c>).</summary>
/// <param name="Id">The delivery id (UUID); also sent as the request's idempotency key.</param>
/// <param name="Kind">Which hook.</param>
/// <param name="Subject">The device serial it is about.</param>
/// <param name="Body">The exact JSON body to send (signed at send time).</param>
/// <param name="State">Pending, Delivered or Failed.</param>
/// <param name="Attempts">Attempts started so far.</param>
/// <param name="NextAttemptAt">When it is next due (while Pending).</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="LastStatus">The HTTP status of the last attempt, when one came back.</param>
/// <param name="LastError">A short reason for the last failure (no body, no secret).</param>
public sealed record HookDelivery(
    string Id,
    HookKind Kind,
    string Subject,
    byte[] Body,
    HookDeliveryState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset CreatedAt,
    int? LastStatus = null,
    string? LastError = null);
