using Kavach.Devices.Enrolment;
using Kavach.Devices.Repository.Providers;

namespace Kavach.Devices.Server.Composition;

/// <summary>
/// Enrolment's view of the central repository's providers: the PMS organisation name of an active device provider
/// (the digital id's <c>deviceProvider</c> and the device certificate's <c>O</c>); an unknown, inactive or FTM
/// provider has none, so its devices cannot enrol.
/// </summary>
internal sealed class RepositoryProviderOrganizations(IDeviceProviderStore providers) : IDeviceProviderOrganizations
{
    public async Task<string?> GetOrganizationAsync(string providerId, CancellationToken cancellationToken) =>
        await providers.GetProviderAsync(providerId, cancellationToken) is { IsActive: true, Kind: DeviceProviderKind.Device } provider
            ? provider.OrganizationName
            : null;
}
