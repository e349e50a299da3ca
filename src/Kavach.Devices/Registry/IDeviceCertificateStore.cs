namespace Kavach.Devices.Registry;

/// <summary>The device certificates the device CA issued (table <c>device_cert</c>); read on every device request.</summary>
public interface IDeviceCertificateStore
{
    /// <summary>Records a newly issued certificate; false, and nothing written, when its serial or its public key (<c>spkiSha256</c>) is already recorded.</summary>
    Task<bool> TryInsertCertificateAsync(DeviceCertificateRecord certificate, CancellationToken cancellationToken);

    /// <summary>The certificate with this serial, or null.</summary>
    Task<DeviceCertificateRecord?> GetCertificateAsync(string certSerial, CancellationToken cancellationToken);

    /// <summary>
    /// The end of validity of the Active certificate of each of <paramref name="serialNos"/> (at most 1000) in one query;
    /// a device without an Active certificate is absent from the answer.
    /// </summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetActiveCertificateExpiriesAsync(IReadOnlyCollection<string> serialNos, CancellationToken cancellationToken);

    /// <summary>The certificate of this public key, or null: the key-reuse check.</summary>
    Task<DeviceCertificateRecord?> FindBySpkiAsync(string spkiSha256, CancellationToken cancellationToken);

    /// <summary>Every certificate of one device, newest first.</summary>
    Task<IReadOnlyList<DeviceCertificateRecord>> ListForDeviceAsync(string serialNo, CancellationToken cancellationToken);

    /// <summary>Moves a certificate from <paramref name="from"/> to <paramref name="to"/> (with reason and time when revoking); false when it was not in <paramref name="from"/>, or when the change would give its serial a second Active certificate.</summary>
    Task<bool> TryChangeStatusAsync(string certSerial, DeviceCertificateStatus from, DeviceCertificateStatus to, string? reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// The confirm step (enrolment or rotation): moves <paramref name="certSerial"/> from Pending to Active and, in the
    /// same transaction, revokes <paramref name="supersededCertSerial"/> (Active → Revoked with
    /// <paramref name="supersededReason"/>, usually <c>superseded</c>) when one is named. False, and nothing changed, when
    /// the new certificate is not Pending, the old one is not Active, or the serial already has another Active
    /// certificate (the partial unique index decides between racing replicas).
    /// </summary>
    Task<bool> TryActivateAsync(string certSerial, string? supersededCertSerial, string? supersededReason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Revoked certificates not yet expired at <paramref name="now"/>: what the CRL lists.</summary>
    Task<IReadOnlyList<DeviceCertificateRecord>> ListRevokedAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Pending certificates issued before <paramref name="issuedBefore"/> (unconfirmed enrolments and rotations to revoke).</summary>
    Task<IReadOnlyList<DeviceCertificateRecord>> ListPendingAsync(DateTimeOffset issuedBefore, CancellationToken cancellationToken);
}
