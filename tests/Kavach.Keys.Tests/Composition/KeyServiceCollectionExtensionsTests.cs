using Kavach.Keys.Access;
using Kavach.Keys.Caching;
using Kavach.Keys.Composition;
using Kavach.Keys.DataProtection;
using Kavach.Keys.Management;
using Kavach.Keys.Signatures;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Testing.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Keys.Tests.Composition;

/// <summary>What every host gets from <see cref="KeyServiceCollectionExtensions.AddKavachKeys"/>: each service once, and every cache told of revocations.</summary>
public sealed class KeyServiceCollectionExtensionsTests
{
    [Fact]
    public async Task Every_registered_key_service_resolves_as_one_singleton()
    {
        await using var provider = Build();
        var services = Registrations().Where(d => d.ServiceType.Assembly == typeof(KeyRing).Assembly).Select(d => d.ServiceType).Distinct().ToList();
        Assert.Contains(typeof(EnvelopeService), services);
        foreach (var type in services.Where(t => t != typeof(IKeyRevocationListener)))
        {
            Assert.Same(provider.GetRequiredService(type), provider.GetRequiredService(type));
        }
    }

    [Fact]
    public async Task The_private_key_cache_and_the_thumbprint_lookups_are_the_revocation_listeners_the_services_use()
    {
        await using var provider = Build();
        var listeners = provider.GetServices<IKeyRevocationListener>().ToList();
        Assert.Contains(listeners, l => ReferenceEquals(l, provider.GetRequiredService<PrivateKeyCache>()));
        Assert.Contains(listeners, l => ReferenceEquals(l, provider.GetRequiredService<SessionKeyDecryptor>()));
        Assert.Contains(listeners, l => l is Kavach.Keys.Audit.AuditRevocationListener);
    }

    [Fact]
    public async Task One_signing_key_provider_serves_every_signer()
    {
        await using var provider = Build();
        Assert.Single(Registrations(), d => d.ServiceType == typeof(SigningKeyProvider));
        Assert.Same(provider.GetRequiredService<SigningKeyProvider>(), provider.GetRequiredService<SigningKeyProvider>());
    }

    private static ServiceProvider Build() =>
        Registrations().BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    private static ServiceCollection Registrations()
    {
        var store = new InMemoryKeyStore();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        services.AddSingleton<IKeyStore>(store);
        services.AddSingleton<IZkKeyPoolStore>(store);
        services.AddSingleton<IKeyVault>(new InMemoryKeyVault());
        services.AddKavachKeys(_ => new KeyServiceSettings(new KeyManagerOptions(), new ZeroKnowledgeOptions(), ApplicationBindings.None, KeyCreationLimits.Default, "RESIDENT"));
        return services;
    }
}
