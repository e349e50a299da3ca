using System.Data.Common;
using Kavach.Devices.Repository.Models;
using Kavach.Devices.Repository.Providers;

namespace Kavach.Storage.Devices;

/// <content>Providers and approved models (<c>device_provider</c>, <c>device_model</c>).</content>
internal sealed partial class SqlDeviceRepository : IDeviceProviderStore, IDeviceModelStore
{
    /// <inheritdoc />
    public Task<bool> TryInsertProviderAsync(DeviceProviderRecord provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return _run.ReadAsync(
            _sql.InsertProvider,
            command =>
            {
                DeviceSqlRunner.Add(command, "@id", provider.ProviderId);
                DeviceSqlRunner.Add(command, "@org", provider.OrganizationName);
                DeviceSqlRunner.Add(command, "@kind", provider.Kind.ToDomain());
                DeviceSqlRunner.Add(command, "@active", provider.IsActive);
                DeviceSqlRunner.Add(command, "@by", provider.CreatedBy);
                _run.AddTime(command, "@at", provider.CreatedAt);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DeviceProviderRecord?> GetProviderAsync(string providerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        var rows = await _run.ReadAsync(_sql.SelectProvider, c => DeviceSqlRunner.Add(c, "@id", providerId), ReadProvidersAsync, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceProviderRecord>> ListProvidersAsync(CancellationToken cancellationToken) =>
        _run.ReadAsync(_sql.SelectProviders, static _ => { }, ReadProvidersAsync, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> TryInsertModelAsync(DeviceModelRecord model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            return await _run.ReadAsync(
                _sql.InsertModel,
                command =>
                {
                    DeviceSqlRunner.Add(command, "@id", model.Id);
                    DeviceSqlRunner.Add(command, "@provider", model.DeviceProviderId);
                    DeviceSqlRunner.Add(command, "@type", model.DeviceTypeCode);
                    DeviceSqlRunner.Add(command, "@sub_type", model.DeviceSubTypeCode);
                    DeviceSqlRunner.Add(command, "@make", model.Make);
                    DeviceSqlRunner.Add(command, "@model", model.Model);
                    DeviceSqlRunner.Add(command, "@active", model.IsActive);
                    DeviceSqlRunner.Add(command, "@by", model.UpdatedBy);
                    _run.AddTime(command, "@at", model.UpdatedAt);
                },
                static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
                cancellationToken);
        }
        catch (KeyStoreConflictException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<DeviceModelRecord?> GetModelAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var rows = await _run.ReadAsync(_sql.SelectModel, c => DeviceSqlRunner.Add(c, "@id", id), ReadModelsAsync, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<DeviceModelRecord?> FindModelAsync(string providerId, string make, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        ArgumentNullException.ThrowIfNull(make);
        ArgumentNullException.ThrowIfNull(model);
        var rows = await _run.ReadAsync(
            _sql.FindModel,
            c =>
            {
                DeviceSqlRunner.Add(c, "@provider", providerId);
                DeviceSqlRunner.Add(c, "@make", make);
                DeviceSqlRunner.Add(c, "@model", model);
            },
            ReadModelsAsync,
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceModelRecord>> ListModelsAsync(string? providerId, CancellationToken cancellationToken) =>
        providerId is null
            ? _run.ReadAsync(_sql.SelectModels, static _ => { }, ReadModelsAsync, cancellationToken)
            : _run.ReadAsync(_sql.SelectModelsOfProvider, c => DeviceSqlRunner.Add(c, "@provider", providerId), ReadModelsAsync, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TrySetModelActiveAsync(string id, bool active, string updatedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _run.ReadAsync(
            _sql.SetModelActive,
            command =>
            {
                DeviceSqlRunner.Add(command, "@id", id);
                DeviceSqlRunner.Add(command, "@active", active);
                DeviceSqlRunner.Add(command, "@by", updatedBy);
                _run.AddTime(command, "@at", at);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    private Task<IReadOnlyList<DeviceProviderRecord>> ReadProvidersAsync(DbCommand command, CancellationToken cancellationToken) =>
        DeviceSqlRunner.ReadRowsAsync(
            command,
            reader => new DeviceProviderRecord(
                reader.GetString(0),
                reader.GetString(1),
                DeviceProviderKinds.TryParse(reader.GetString(2), out var kind) ? kind : DeviceProviderKind.Device,
                DeviceSqlRunner.Bool(reader, 3),
                reader.GetString(4),
                _run.ReadRequiredTime(reader, 5)),
            cancellationToken);

    private Task<IReadOnlyList<DeviceModelRecord>> ReadModelsAsync(DbCommand command, CancellationToken cancellationToken) =>
        DeviceSqlRunner.ReadRowsAsync(
            command,
            reader => new DeviceModelRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                DeviceSqlRunner.Bool(reader, 6),
                reader.GetString(7),
                _run.ReadRequiredTime(reader, 8)),
            cancellationToken);
}
