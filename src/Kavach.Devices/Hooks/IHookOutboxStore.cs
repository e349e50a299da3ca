namespace Kavach.Devices.Hooks;

/// <summary>
/// The durable outbox of outbound hooks: a call is written here in the same step as the event that causes it, and
/// delivered afterwards, so a restart loses nothing. Replicas claim a row with a conditional update before sending it,
/// so two never send the same attempt.
/// </summary>
public interface IHookOutboxStore
{
    /// <summary>Queues a delivery.</summary>
    Task EnqueueAsync(HookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Pending deliveries due at <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<HookDelivery>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a due delivery for one attempt: when it is still Pending with <paramref name="expectedAttempts"/> attempts
    /// and due at <paramref name="now"/>, counts the attempt and moves its due time to <paramref name="leaseUntil"/>
    /// (so a crashed sender's row comes back then). False when another replica claimed it first.
    /// </summary>
    Task<bool> TryClaimAsync(string id, int expectedAttempts, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Records an attempt's outcome: the new state, the next due time (Pending) and the status/reason.</summary>
    Task CompleteAttemptAsync(string id, HookDeliveryState state, DateTimeOffset nextAttemptAt, int? status, string? error, CancellationToken cancellationToken);

    /// <summary>The delivery with this id, or null.</summary>
    Task<HookDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken);

    /// <summary>Deliveries about one device, oldest first.</summary>
    Task<IReadOnlyList<HookDelivery>> ListDeliveriesAsync(string subject, CancellationToken cancellationToken);
}
