namespace Kavach.Server.Composition;

/// <summary>
/// Holds the <see cref="KavachRuntime"/> once <see cref="RuntimeStarter"/> has opened it. Until then (database or vault
/// unreachable at start-up) the server runs, reports not-ready and answers key operations with 503.
/// </summary>
public sealed class RuntimeHolder
{
    private volatile KavachRuntime? _runtime;
    private volatile string _status = "starting";

    /// <summary>The runtime; throws <see cref="RuntimeNotReadyException"/> while it is not open.</summary>
    public KavachRuntime Current => _runtime ?? throw new RuntimeNotReadyException(_status);

    /// <summary>True once the runtime is open and the start-up keys exist.</summary>
    public bool IsReady => _runtime is not null;

    /// <summary>Why the runtime is not ready (no secrets).</summary>
    public string Status => _status;

    internal void SetReady(KavachRuntime runtime)
    {
        _runtime = runtime;
        _status = "ready";
    }

    internal void SetStatus(string status) => _status = status;
}
