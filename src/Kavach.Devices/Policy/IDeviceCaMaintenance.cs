namespace Kavach.Devices.Policy;

/// <summary>What the daily job asks of the device certificate authority and enrolment (<see cref="DeviceCaMaintenance"/>).</summary>
public interface IDeviceCaMaintenance
{
    /// <summary>Signs and publishes a fresh CRL (the daily publication, spec §3/§4.8); returns its CRL number.</summary>
    Task<long> PublishCrlAsync(CancellationToken cancellationToken);

    /// <summary>Revokes pending certificates left unconfirmed longer than enrolment allows (24 h) at <paramref name="now"/>; returns how many.</summary>
    Task<int> RevokeUnconfirmedAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
