using Kavach.Devices.Enrolment;

namespace Kavach.Devices.Tests.Enrolment.Support;

/// <summary>Provider organisations from a dictionary (the repository's provider store in production).</summary>
public sealed class FixedProviderOrganizations(IReadOnlyDictionary<string, string> organizations) : IDeviceProviderOrganizations
{
    public Task<string?> GetOrganizationAsync(string providerId, CancellationToken cancellationToken) =>
        Task.FromResult(organizations.TryGetValue(providerId, out var organization) ? organization : null);
}
