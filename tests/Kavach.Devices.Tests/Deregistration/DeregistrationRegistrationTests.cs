using Kavach.Devices.Authority;
using Kavach.Devices.Commands;
using Kavach.Devices.Deregistration;
using Kavach.Devices.Hooks;
using Kavach.Devices.Policy;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Tests.Messaging;
using Kavach.Devices.Tests.Protocol.Support;
using Kavach.Devices.Transparency;
using Kavach.Keys.Access;
using Kavach.Keys.Composition;
using Kavach.Keys.Management;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Storage;
using Kavach.Testing;
using Kavach.Testing.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Deregistration;

/// <summary><c>AddKavachDeviceDeregistration</c> composes the services over what a host registers.</summary>
public sealed class DeregistrationRegistrationTests
{
    [Fact]
    public async Task The_services_resolve_and_the_Deregistration_kind_has_its_handler()
    {
        using var folder = new TempDirectory("kavach-devices-dereg-di");
        var pki = new ProtocolHarness().Pki;
        var time = new FakeTimeProvider(pki.Now);
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(time);
        services.AddKavachStore(_ => new StoreOptions(StoreProvider.Sqlite, $"Data Source={folder.File("kavach.db")}"));
        services.AddSingleton<Kavach.Keys.Vault.IKeyVault>(new InMemoryKeyVault(PregeneratedKeys.Source()));
        services.AddKavachKeys(_ => new KeyServiceSettings(new KeyManagerOptions(), new ZeroKnowledgeOptions(), ApplicationBindings.None, KeyCreationLimits.Default, "RESIDENT"));
        services.AddSingleton<IDeviceAudit>(new Repository.RecordingDeviceAudit());
        services.AddSingleton<IDeviceServerKeys>(new TestServerKeys(pki));
        services.AddSingleton<IDeviceCaCertificates>(new TestDeviceCa(pki));
        services.AddSingleton<IDeviceCaMaintenance>(new Policy.FakeCaMaintenance());
        services.AddSingleton(provider => new DeviceCommandService(
            provider.GetRequiredService<IDeviceCommandStore>(), provider.GetRequiredService<IDeviceRegistryStore>(), provider.GetRequiredService<IDeviceAudit>(),
            new DeviceCommandSignals(), [], time, new DeviceCommandOptions(), NullLogger<DeviceCommandService>.Instance));
        services.AddSingleton(provider => new ApprovalService(
            provider.GetRequiredService<IDeviceApprovalStore>(), provider.GetServices<IApprovalHandler>(), provider.GetRequiredService<IDeviceAudit>(), time));
        services.AddKavachDeviceDeregistration();
        await using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<DeregistrationService>());
        Assert.NotNull(provider.GetRequiredService<TransparencyLog>());
        Assert.NotNull(provider.GetRequiredService<HookPublisher>());
        Assert.NotNull(provider.GetRequiredService<HookDispatcher>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is HookDeliveryService);
        Assert.Single(provider.GetServices<IApprovalHandler>(), h => h.Kind == ApprovalKind.Deregistration);

        // A request for an unknown device reaches the store and is refused with its code: the approval service knows the kind.
        var refused = await provider.GetRequiredService<DeregistrationService>().RequestAsync("SN-NONE", "test", "admin-a", default);
        Assert.Equal(DeregistrationErrors.DeviceNotFound.Code, refused.Error!.Code);
    }
}
