using Kavach.Devices.Enrolment;

namespace Kavach.Devices.Server.Composition;

/// <summary>
/// Provider organisation names from configuration (<c>Kavach:DeviceServer:Providers:&lt;providerId&gt;=&lt;PMS
/// organisation name&gt;</c>), used until the central repository's provider register serves
/// <see cref="IDeviceProviderOrganizations"/>; a provider not named is unknown, so its devices cannot enrol.
/// </summary>
internal sealed class ConfiguredProviderOrganizations(IReadOnlyDictionary<string, string> providers) : IDeviceProviderOrganizations
{
    public Task<string?> GetOrganizationAsync(string providerId, CancellationToken cancellationToken) =>
        Task.FromResult(providers.TryGetValue(providerId, out var name) && !string.IsNullOrWhiteSpace(name) ? name : null);
}
