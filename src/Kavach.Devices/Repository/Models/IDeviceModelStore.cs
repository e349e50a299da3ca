namespace Kavach.Devices.Repository.Models;

/// <summary>The approved makes and models (table <c>device_model</c>).</summary>
public interface IDeviceModelStore
{
    /// <summary>Records a model; false, and nothing written, when its id or its (provider, make, model) exists.</summary>
    Task<bool> TryInsertModelAsync(DeviceModelRecord model, CancellationToken cancellationToken);

    /// <summary>The model with this id, or null.</summary>
    Task<DeviceModelRecord?> GetModelAsync(string id, CancellationToken cancellationToken);

    /// <summary>The provider's model of this make and model, or null.</summary>
    Task<DeviceModelRecord?> FindModelAsync(string providerId, string make, string model, CancellationToken cancellationToken);

    /// <summary>Models by id, optionally of one provider.</summary>
    Task<IReadOnlyList<DeviceModelRecord>> ListModelsAsync(string? providerId, CancellationToken cancellationToken);

    /// <summary>Sets whether the model is active; false when no model has this id or it already was.</summary>
    Task<bool> TrySetModelActiveAsync(string id, bool active, string updatedBy, DateTimeOffset at, CancellationToken cancellationToken);
}
