namespace Kavach.Devices.Enrolment;

/// <summary>
/// What enrolment alone keeps (migration 0010): the single-use challenge nonces (by SHA-256, valid five minutes) and the
/// L0 enrolment requests waiting for an administrator's approval. Implemented by Kavach.Storage on SQLite and PostgreSQL.
/// </summary>
public interface IEnrolmentStore
{
    /// <summary>Records a nonce handed out; false when the same hash is already recorded (a random 32-byte nonce never is).</summary>
    Task<bool> TryInsertNonceAsync(string nonceSha256, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Consumes a nonce: true exactly once, for the first caller, while it has not expired at <paramref name="now"/>.</summary>
    Task<bool> TryConsumeNonceAsync(string nonceSha256, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the nonces expired at <paramref name="now"/>; returns how many.</summary>
    Task<int> PurgeExpiredNoncesAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records an L0 device's enrolment request; false, and nothing written, when the serial already has one.</summary>
    Task<bool> TryInsertL0RequestAsync(L0EnrolmentRequest request, CancellationToken cancellationToken);

    /// <summary>The L0 enrolment request of a serial, or null.</summary>
    Task<L0EnrolmentRequest?> GetL0RequestAsync(string serialNo, CancellationToken cancellationToken);

    /// <summary>Deletes the L0 enrolment request of a serial; false when there was none.</summary>
    Task<bool> DeleteL0RequestAsync(string serialNo, CancellationToken cancellationToken);
}
