namespace Kavach.Devices.Repository.Providers;

/// <summary>The providers (table <c>device_provider</c>).</summary>
public interface IDeviceProviderStore
{
    /// <summary>Records a provider; false, and nothing written, when its id exists.</summary>
    Task<bool> TryInsertProviderAsync(DeviceProviderRecord provider, CancellationToken cancellationToken);

    /// <summary>The provider with this id, or null.</summary>
    Task<DeviceProviderRecord?> GetProviderAsync(string providerId, CancellationToken cancellationToken);

    /// <summary>Every provider, by id.</summary>
    Task<IReadOnlyList<DeviceProviderRecord>> ListProvidersAsync(CancellationToken cancellationToken);
}
