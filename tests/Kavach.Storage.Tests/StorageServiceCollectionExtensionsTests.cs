using Kavach.Devices.Commands;
using Kavach.Devices.Policy;
using Kavach.Devices.Registry;
using Kavach.Keys.Audit;
using Kavach.Keys.Storage;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Testing;
using Kavach.Trust.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Storage.Tests;

/// <summary>AddKavachStore: one store under every interface, the container's clock, disposed with the container.</summary>
public sealed class StorageServiceCollectionExtensionsTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_interface_resolves_the_same_store_which_the_container_disposes()
    {
        using var folder = new TempDirectory("kavach-store-di");
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
        services.AddKavachStore(_ => new StoreOptions(StoreProvider.Sqlite, $"Data Source={folder.File("kavach.db")}"));

        IKavachStore store;
        await using (var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }))
        {
            store = provider.GetRequiredService<IKavachStore>();
            Assert.Same(store, provider.GetRequiredService<IKeyStore>());
            Assert.Same(store, provider.GetRequiredService<IAuditStore>());
            Assert.Same(store, provider.GetRequiredService<IZkKeyPoolStore>());
            Assert.Same(store, provider.GetRequiredService<ITrustRepository>());
            Assert.Same(store, provider.GetRequiredService<IDeviceRegistryStore>());
            Assert.Same(store, provider.GetRequiredService<IDeviceCertificateStore>());
            Assert.Same(store, provider.GetRequiredService<Kavach.Devices.Repository.Approvals.IDeviceApprovalStore>());
            Assert.Same(store, provider.GetRequiredService<IDeviceCommandStore>());
            Assert.Same(store, provider.GetRequiredService<IDailyJobRunStore>());
            Assert.Same(store, provider.GetRequiredService<Kavach.Devices.Enrolment.IEnrolmentStore>());
            Assert.False(File.Exists(folder.File("kavach.db"))); // resolving touches nothing

            // The container's clock stamps the rows.
            var appId = "DI_" + Guid.NewGuid().ToString("N")[..8];
            await store.UpsertPolicyAsync(new KeyPolicy(appId, 30, 3, true, null), CancellationToken.None);
            Assert.Contains(await store.GetPoliciesAsync(CancellationToken.None), p => p.AppId == appId);
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetPoliciesAsync(CancellationToken.None));
    }

    [Fact]
    public void A_configuration_error_surfaces_when_the_store_is_first_resolved()
    {
        var services = new ServiceCollection();
        services.AddKavachStore(_ => new StoreOptions(StoreProvider.PostgreSql, "Database=keymgr"));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<StoreConfigurationException>(() => provider.GetRequiredService<IKeyStore>());

        Assert.Equal(nameof(StoreOptions.ConnectionString), exception.Setting);
    }
}
