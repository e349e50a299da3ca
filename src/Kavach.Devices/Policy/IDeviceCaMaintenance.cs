namespace Kavach.Devices.Policy;

/// <summary>What the daily job asks of the device certificate authority (the enrolment feature implements it).</summary>
public interface IDeviceCaMaintenance
{
    /// <summary>Signs and publishes a fresh CRL (the daily publication, spec §3/§4.8); returns its number.</summary>
    Task<long> PublishCrlAsync(CancellationToken cancellationToken);

    /// <summary>Revokes pending certificates issued before <paramref name="issuedBefore"/> that were never confirmed; returns how many.</summary>
    Task<int> RevokeUnconfirmedAsync(DateTimeOffset issuedBefore, CancellationToken cancellationToken);
}
