namespace Kavach.Devices.Deregistration;

/// <summary>De-registration requests (table <c>device_deregistration</c>); state changes are conditional updates, so two replicas never both act on one.</summary>
public interface IDeregistrationStore
{
    /// <summary>Inserts a request; false, and nothing written, when the device already has an open one (Requested or Deregistering).</summary>
    Task<bool> TryInsertDeregistrationAsync(DeregistrationRecord record, CancellationToken cancellationToken);

    /// <summary>The request with this id, or null.</summary>
    Task<DeregistrationRecord?> GetDeregistrationAsync(string id, CancellationToken cancellationToken);

    /// <summary>The device's open request (Requested or Deregistering), or null.</summary>
    Task<DeregistrationRecord?> GetOpenDeregistrationAsync(string serialNo, CancellationToken cancellationToken);

    /// <summary>Replaces the row when its stored state is <paramref name="expectedState"/>; false when another writer moved it first.</summary>
    Task<bool> TryUpdateDeregistrationAsync(DeregistrationRecord record, DeregistrationState expectedState, CancellationToken cancellationToken);

    /// <summary>Deregistering requests whose deadline is at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<DeregistrationRecord>> ListOverdueDeregistrationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
