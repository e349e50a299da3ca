using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Trust.Channel;
using Kavach.Trust.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kavach.Trust;

/// <summary>Registers the partner channel's onboarding side over the registered store, vault and trust store.</summary>
public static class ChannelServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="PartnerTlsAuthority"/>, <see cref="IChannelPartnerDirectory"/> and <see cref="PartnerOnboardingService"/> as singletons (the store registers
    /// <see cref="IChannelPartnerRepository"/> and <see cref="IReplayLedger"/>).
    /// </summary>
    public static IServiceCollection AddKavachPartnerOnboarding(this IServiceCollection services, Func<IServiceProvider, PartnerChannelOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(sp =>
        {
            var ring = sp.GetRequiredService<KeyRing>();
            return new PartnerTlsAuthority(
                ring,
                sp.GetRequiredService<IKeyStore>(),
                sp.GetRequiredService<IKeyVault>(),
                ring.Generator.SubjectDefaults,
                options(sp),
                sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IChannelPartnerDirectory>(sp => new ChannelPartnerDirectory(
            sp.GetRequiredService<IChannelPartnerRepository>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ChannelApplicationKeys>();
        services.AddSingleton(sp => new PartnerOnboardingService(
            sp.GetRequiredService<TrustServices>(),
            sp.GetRequiredService<PartnerTlsAuthority>(),
            sp.GetRequiredService<IChannelPartnerRepository>(),
            sp.GetRequiredService<ChannelApplicationKeys>(),
            options(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PartnerOnboardingService>>()));
        return services;
    }
}
