using Kavach.Keys.Access;
using Kavach.Keys.Composition;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Testing;
using Kavach.Testing.Keys;
using Kavach.Trust.Channel;
using Kavach.Trust.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Trust.Tests.Support;

/// <summary>
/// The key services, the trust store and the partner channel's onboarding side over in-memory store, vault and
/// repositories, composed by the same registrations a host uses; ROOT, PMS and IDA keys made as at start-up.
/// </summary>
public sealed class ChannelHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private ChannelHarness(ServiceProvider provider, FakeTimeProvider time)
    {
        _provider = provider;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public InMemoryKeyStore KeyStore => (InMemoryKeyStore)_provider.GetRequiredService<IKeyStore>();

    public IKeyVault Vault => _provider.GetRequiredService<IKeyVault>();

    public KeyRing Ring => _provider.GetRequiredService<KeyRing>();

    public InMemoryTrustRepository Trust => (InMemoryTrustRepository)_provider.GetRequiredService<ITrustRepository>();

    public InMemoryChannelPartnerRepository Partners => (InMemoryChannelPartnerRepository)_provider.GetRequiredService<IChannelPartnerRepository>();

    public PartnerTlsAuthority Authority => _provider.GetRequiredService<PartnerTlsAuthority>();

    public PartnerOnboardingService Onboarding => _provider.GetRequiredService<PartnerOnboardingService>();

    public IChannelPartnerDirectory Directory => _provider.GetRequiredService<IChannelPartnerDirectory>();

    public static async Task<ChannelHarness> CreateAsync(IKeyVault? vault = null)
    {
        var time = new FakeTimeProvider(TestPki.Now);
        var store = new InMemoryKeyStore();
        foreach (var appId in (string[])["ROOT", "PMS", "IDA", "KERNEL"])
        {
            await store.UpsertPolicyAsync(new KeyPolicy(appId, appId == "ROOT" ? 2920 : 1095, 60, true, "NA"), CancellationToken.None);
        }

        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IKeyStore>(store);
        services.AddSingleton<IZkKeyPoolStore>(store);
        services.AddSingleton(vault ?? new InMemoryKeyVault(PregeneratedKeys.Source()));
        services.AddSingleton<ITrustRepository>(new InMemoryTrustRepository());
        services.AddSingleton<IChannelPartnerRepository>(new InMemoryChannelPartnerRepository());
        services.AddKavachKeys(_ => new KeyServiceSettings(new KeyManagerOptions(), new ZeroKnowledgeOptions(), ApplicationBindings.None, KeyCreationLimits.Default, "RESIDENT"));
        services.AddKavachTrust(_ => new TrustOptions());
        services.AddKavachPartnerOnboarding(_ => new PartnerChannelOptions());
        var provider = services.BuildServiceProvider();
        var harness = new ChannelHarness(provider, time);
        foreach (var appId in (string[])["ROOT", "PMS", "IDA"])
        {
            var key = await harness.Ring.Generator.GenerateAsync(appId, string.Empty, Kavach.Keys.Certificates.SubjectRequest.Empty, force: false, CancellationToken.None);
            Assert.True(key.IsSuccess, key.Error?.Message);
        }

        return harness;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
