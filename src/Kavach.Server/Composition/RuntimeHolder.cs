using Kavach.Hosting.Startup;

namespace Kavach.Server.Composition;

/// <summary>The registered services once the key manager is ready; before that, <see cref="RuntimeNotReadyException"/>.</summary>
public sealed class RuntimeHolder(IServiceProvider services, KavachReadiness readiness)
{
    private readonly KavachRuntime _runtime = new(services);

    /// <summary>The services; throws <see cref="RuntimeNotReadyException"/> while not ready.</summary>
    public KavachRuntime Current => readiness.IsReady ? _runtime : throw new RuntimeNotReadyException(readiness.Status);

    /// <summary>True once ready.</summary>
    public bool IsReady => readiness.IsReady;

    /// <summary>Why it is not ready.</summary>
    public string Status => readiness.Status;
}
