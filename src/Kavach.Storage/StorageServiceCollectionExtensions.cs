using Kavach.Keys.Audit;
using Kavach.Keys.Storage;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Trust.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Storage;

/// <summary>PLACEHOLDER until the lazy store lands: registers the store eagerly.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the store.</summary>
    public static IServiceCollection AddKavachStore(this IServiceCollection services, Func<IServiceProvider, StoreOptions> options)
    {
        services.AddSingleton(sp => KeyStores.OpenAsync(options(sp), sp.GetRequiredService<TimeProvider>(), CancellationToken.None).GetAwaiter().GetResult());
        services.AddSingleton(sp => (IAuditStore)sp.GetRequiredService<IKeyStore>());
        services.AddSingleton(sp => (IZkKeyPoolStore)sp.GetRequiredService<IKeyStore>());
        services.AddSingleton(sp => TrustStores.Open(options(sp)));
        return services;
    }
}
