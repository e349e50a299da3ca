namespace Kavach.Hosting.Startup;

/// <summary>
/// Whether the key manager is ready: the store and vault answered and the start-up keys exist. Until then the host
/// runs, reports not-ready and answers key operations with 503; whatever must wait for the keys awaits <see cref="WhenReady"/>.
/// </summary>
public sealed class KavachReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string _status = "starting";

    /// <summary>True once the start-up keys exist.</summary>
    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>Why it is not ready (no secrets), or "ready".</summary>
    public string Status => _status;

    /// <summary>Completes when ready; cancelled with <paramref name="cancellationToken"/>.</summary>
    public Task WhenReady(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    internal void SetStatus(string status) => _status = status;

    internal void SetReady()
    {
        _status = "ready";
        _ready.TrySetResult();
    }
}
