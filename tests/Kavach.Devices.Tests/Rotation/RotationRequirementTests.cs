using Kavach.Devices.Commands;
using Kavach.Devices.Registry;
using Kavach.Devices.Rotation;
using Kavach.Devices.Tests.Policy;
using Kavach.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Tests.Rotation;

/// <summary>An administrator requiring a key rotation now (the §4.8 compromise flag), on SQLite with a fake clock.</summary>
public sealed class RotationRequirementTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _folder = new("kavach-ops-req");
    private RotationHarness _h = null!;
    private RotationRequirement _requirement = null!;

    private static CancellationToken Ct => CancellationToken.None;

    public Task InitializeAsync()
    {
        _h = new RotationHarness(OperationsDatabase.NewSqlite(_folder));
        _requirement = new RotationRequirement(_h.Store, _h.Store, _h.Audit, _h.Time, NullLogger<RotationRequirement>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_required_rotation_of_a_young_certificate_is_offered_at_the_next_check_in()
    {
        var (device, _, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        Assert.Null(await _h.Rotation.OfferAsync(device, Ct));

        var required = await _requirement.RequireAsync(device.SerialNo, "admin1", Ct);

        Assert.True(required.IsSuccess, required.Error?.Code);
        Assert.True(required.Value.RotationDue);
        var offer = await _h.Rotation.OfferAsync((await _h.Store.GetDeviceAsync(device.SerialNo, Ct))!, Ct);
        Assert.Equal((OperationsCommandKinds.RotateKey, DeviceCommandState.Delivered), (offer!.Kind, offer.State));
        var audited = Assert.Single(_h.Audit.Of("device.rotation.required"));
        Assert.Equal(("admin1", "OK", device.SerialNo), (audited.Actor, audited.Outcome, audited.Subject));
    }

    [Fact]
    public async Task Requiring_it_again_changes_nothing()
    {
        var (device, _, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        await _requirement.RequireAsync(device.SerialNo, "admin1", Ct);
        var before = await _h.Store.GetDeviceAsync(device.SerialNo, Ct);

        var again = await _requirement.RequireAsync(device.SerialNo, "admin2", Ct);

        Assert.True(again.IsSuccess);
        Assert.Equal(before, await _h.Store.GetDeviceAsync(device.SerialNo, Ct));
        Assert.Single(_h.Audit.Of("device.rotation.required"));
    }

    [Theory]
    [InlineData(DeviceState.Deregistering)]
    [InlineData(DeviceState.Quarantined)]
    [InlineData(DeviceState.Expired)]
    public async Task A_device_out_of_active_service_is_refused_and_unchanged(DeviceState state)
    {
        var (device, _, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        Assert.True(await _h.Store.TryUpdateDeviceAsync(device with { State = state }, device.Version, Ct));
        var before = await _h.Store.GetDeviceAsync(device.SerialNo, Ct);

        var refused = await _requirement.RequireAsync(device.SerialNo, "admin1", Ct);

        Assert.Equal(DeviceOperationErrors.DeviceNotActive.Code, refused.Error?.Code);
        Assert.Equal(before, await _h.Store.GetDeviceAsync(device.SerialNo, Ct));
        Assert.Equal(DeviceOperationErrors.DeviceNotActive.Code, Assert.Single(_h.Audit.Of("device.rotation.required")).Outcome);
    }

    [Fact]
    public async Task An_unknown_device_or_one_without_an_active_certificate_is_refused()
    {
        var (device, certificate, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        Assert.True(await _h.Store.TryChangeStatusAsync(certificate.CertSerial, DeviceCertificateStatus.Active, DeviceCertificateStatus.Revoked, "keyCompromise", _h.Time.GetUtcNow(), Ct));

        Assert.Equal(DeviceOperationErrors.DeviceNotActive.Code, (await _requirement.RequireAsync(device.SerialNo, "admin1", Ct)).Error?.Code);
        Assert.Equal(DeviceOperationErrors.DeviceNotActive.Code, (await _requirement.RequireAsync(SampleDevices.NewSerial(), "admin1", Ct)).Error?.Code);
        Assert.False((await _h.Store.GetDeviceAsync(device.SerialNo, Ct))!.RotationDue);
    }
}
