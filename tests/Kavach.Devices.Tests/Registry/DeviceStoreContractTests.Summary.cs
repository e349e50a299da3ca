using Kavach.Devices.Registry;

namespace Kavach.Devices.Tests.Registry;

/// <content>The registry's aggregates: counts grouped in the database, Active certificates' expiries of a page.</content>
public abstract partial class DeviceStoreContractTests
{
    [Fact]
    public async Task Devices_are_counted_by_provider_make_model_and_state()
    {
        // A provider of this test's own: the class's tests share one database.
        var provider = "PROV-" + NewSerial();
        var devices = new[]
        {
            Device(provider: provider) with { Make = "ACME", Model = "M1" },
            Device(provider: provider) with { Make = "ACME", Model = "M1" },
            Device(provider: provider, state: DeviceState.Active) with { Make = "ACME", Model = "M1" },
            Device(provider: provider, state: DeviceState.Active) with { Make = "ACME", Model = "M2" },
            Device(provider: provider, state: DeviceState.Quarantined) with { Make = "BETA", Model = "M1" },
        };
        Assert.True(await Store.TryInsertDevicesAsync(devices, Ct));
        await InsertDeviceAsync(Device(provider: provider + "-OTHER"));

        var groups = await Store.CountDevicesAsync(provider, Ct);

        Assert.Equal(
            [
                new DeviceGroupCount(provider, "ACME", "M1", DeviceState.Active, 1),
                new DeviceGroupCount(provider, "ACME", "M1", DeviceState.Whitelisted, 2),
                new DeviceGroupCount(provider, "ACME", "M2", DeviceState.Active, 1),
                new DeviceGroupCount(provider, "BETA", "M1", DeviceState.Quarantined, 1),
            ],
            groups.OrderBy(g => g.Make, StringComparer.Ordinal).ThenBy(g => g.Model, StringComparer.Ordinal).ThenBy(g => g.State.ToString(), StringComparer.Ordinal));
        Assert.Empty(await Store.CountDevicesAsync("PROV-NONE-" + NewSerial(), Ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_summary_count_is_read_from_the_summary_index_alone(bool oneProvider)
    {
        Assert.True(await Store.TryInsertDevicesAsync([Device(), Device(state: DeviceState.Active), Device(provider: "PROVIDER-B")], Ct));

        // The statement DeviceRegistrySql.CountDevices / CountDevicesOfProvider runs (migration 0016_device_summary_index).
        var plan = await ExplainAsync(
            $"SELECT provider_id, make, model, state, COUNT(*) FROM {TablePrefix}device {(oneProvider ? "WHERE provider_id = @provider " : string.Empty)}" +
            $"GROUP BY provider_id, make, model, state ORDER BY provider_id {Collate}, make {Collate}, model {Collate}, state {Collate}",
            oneProvider ? "PROVIDER-A" : null);

        Assert.Contains(CoveringScanOf("idx_device_summary"), plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE FOR GROUP BY", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counting_every_provider_includes_each_providers_groups()
    {
        var provider = "PROV-" + NewSerial();
        Assert.True(await Store.TryInsertDevicesAsync([Device(provider: provider), Device(provider: provider)], Ct));

        var groups = await Store.CountDevicesAsync(null, Ct);

        Assert.Equal(2, Assert.Single(groups, g => g.ProviderId == provider).Count);
        Assert.All(groups, g => Assert.True(g.Count >= 1));
    }

    [Fact]
    public async Task The_expiry_of_each_devices_active_certificate_is_read_for_a_page_in_one_query()
    {
        var active = await InsertDeviceAsync(Device(state: DeviceState.Active));
        var pendingOnly = await InsertDeviceAsync(Device(state: DeviceState.PendingConfirm));
        var none = await InsertDeviceAsync();
        var current = Certificate(active.SerialNo, DeviceCertificateStatus.Active, Now.AddDays(-1), days: 365);
        Assert.True(await Store.TryInsertCertificateAsync(Certificate(active.SerialNo, DeviceCertificateStatus.Revoked, Now.AddDays(-400), days: 365), Ct));
        Assert.True(await Store.TryInsertCertificateAsync(current, Ct));
        Assert.True(await Store.TryInsertCertificateAsync(Certificate(pendingOnly.SerialNo), Ct));

        var expiries = await Store.GetActiveCertificateExpiriesAsync([active.SerialNo, pendingOnly.SerialNo, none.SerialNo, NewSerial()], Ct);

        Assert.Equal(current.NotAfter, Assert.Single(expiries, e => e.Key == active.SerialNo).Value);
        Assert.Single(expiries);
        Assert.Empty(await Store.GetActiveCertificateExpiriesAsync([], Ct));
    }
}
