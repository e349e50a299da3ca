using Kavach.Devices.Enrolment;
using Kavach.Storage.Devices;

namespace Kavach.Storage;

/// <summary>Device enrolment's tables (migration 0010) on the store's database; the statements live in <see cref="SqlEnrolmentStore"/>.</summary>
internal sealed partial class SqlKeyStore : IEnrolmentStore
{
    private SqlEnrolmentStore? _enrolment;

    private SqlEnrolmentStore Enrolment => LazyInitializer.EnsureInitialized(ref _enrolment, () => new SqlEnrolmentStore(this));

    /// <inheritdoc />
    public Task<bool> TryInsertNonceAsync(string nonceSha256, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Enrolment.TryInsertNonceAsync(nonceSha256, expiresAt, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryConsumeNonceAsync(string nonceSha256, DateTimeOffset now, CancellationToken cancellationToken) =>
        Enrolment.TryConsumeNonceAsync(nonceSha256, now, cancellationToken);

    /// <inheritdoc />
    public Task<int> PurgeExpiredNoncesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Enrolment.PurgeExpiredNoncesAsync(now, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryInsertL0RequestAsync(L0EnrolmentRequest request, CancellationToken cancellationToken) =>
        Enrolment.TryInsertL0RequestAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task<L0EnrolmentRequest?> GetL0RequestAsync(string serialNo, CancellationToken cancellationToken) =>
        Enrolment.GetL0RequestAsync(serialNo, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteL0RequestAsync(string serialNo, CancellationToken cancellationToken) =>
        Enrolment.DeleteL0RequestAsync(serialNo, cancellationToken);
}
