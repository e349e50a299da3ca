using Kavach.Keys.Audit;
using Kavach.Keys.ClientCrypto;
using Kavach.Keys.DataProtection;
using Kavach.Keys.Management;
using Kavach.Keys.Policy;
using Kavach.Keys.Signatures;
using Kavach.Keys.TokenIds;
using Kavach.Keys.Vault;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Trust;

namespace Kavach.Server.Composition;

/// <summary>
/// Temporary: registers the services of <see cref="KavachRuntime"/> in DI, so endpoints take them as parameters before
/// the composition itself registers them. Resolving one before the runtime is open throws
/// <see cref="RuntimeNotReadyException"/> (503 "not ready"), as reaching it through <see cref="RuntimeHolder"/> did.
/// Minimal APIs resolve a handler's services before the endpoint filters run, so while this bridge is in place a
/// request before readiness to a handler that takes a service gets that 503 even when its envelope is broken; once
/// the services resolve at any time, the filters decide (envelope errors first, then "not ready").
/// </summary>
public static class RuntimeServiceBridge
{
    /// <summary>Registers each runtime service as a factory over <see cref="RuntimeHolder.Current"/>.</summary>
    public static IServiceCollection AddRuntimeServiceBridge(this IServiceCollection services)
    {
        Add(services, runtime => runtime.Envelopes);
        Add(services, runtime => runtime.Jwe);
        Add(services, runtime => runtime.Pins);
        Add(services, runtime => runtime.Argon2);
        Add(services, runtime => runtime.JwtSignatures);
        Add(services, runtime => runtime.RawSignatures);
        Add(services, runtime => runtime.JwtVerifications);
        Add(services, runtime => runtime.Trust);
        Add(services, runtime => runtime.MasterKeys);
        Add(services, runtime => runtime.Certificates);
        Add(services, runtime => runtime.Uploads);
        Add(services, runtime => runtime.Lifecycle);
        Add(services, runtime => runtime.Bootstrapper);
        Add(services, runtime => runtime.Ring);
        Add(services, runtime => runtime.Policies);
        Add(services, runtime => runtime.Zk);
        Add(services, runtime => runtime.ZkPool);
        Add(services, runtime => runtime.TokenIds);
        Add(services, runtime => runtime.ClientCrypto);
        Add(services, runtime => runtime.Audit);
        Add(services, runtime => runtime.VaultGate);
        return services;
    }

    private static void Add<TService>(IServiceCollection services, Func<KavachRuntime, TService> select)
        where TService : class
    {
        TService Resolve(IServiceProvider provider) => select(provider.GetRequiredService<RuntimeHolder>().Current);

        // Transient, so a request before the runtime is open fails as it did. The container disposes the disposable
        // transients it hands out at the end of the request, and the runtime owns these: a singleton instead (a factory
        // that throws is called again on the next request, so "not ready" is not remembered).
        if (typeof(IDisposable).IsAssignableFrom(typeof(TService)) || typeof(IAsyncDisposable).IsAssignableFrom(typeof(TService)))
        {
            services.AddSingleton(Resolve);
        }
        else
        {
            services.AddTransient(Resolve);
        }
    }
}
