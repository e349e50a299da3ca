namespace Kavach.Devices.Enrolment;

/// <summary>The exact PMS organisation name of an active device provider: the digital id's <c>deviceProvider</c> and the device certificate's <c>O</c>.</summary>
public interface IDeviceProviderOrganizations
{
    /// <summary>The organisation name of the active provider <paramref name="providerId"/>, or null when it is unknown or inactive.</summary>
    Task<string?> GetOrganizationAsync(string providerId, CancellationToken cancellationToken);
}
