using Kavach.Devices.Repository.Providers;

namespace Kavach.Devices.Enrolment;

/// <summary>
/// <see cref="IDeviceProviderOrganizations"/> over the central repository: the organisation name recorded with an active
/// device provider (an FTM provider never names a device's <c>O</c>). Read per request so a deactivation stops the
/// provider's enrolments at once.
/// </summary>
internal sealed class RepositoryProviderOrganizations : IDeviceProviderOrganizations
{
    private readonly IDeviceProviderStore _providers;

    public RepositoryProviderOrganizations(IDeviceProviderStore providers) => _providers = providers;

    /// <inheritdoc />
    public async Task<string?> GetOrganizationAsync(string providerId, CancellationToken cancellationToken) =>
        await _providers.GetProviderAsync(providerId, cancellationToken) is { IsActive: true, Kind: DeviceProviderKind.Device } provider
            ? provider.OrganizationName
            : null;
}
