namespace Kavach.Keys.Audit;

/// <summary>
/// The ambient audit details of the current request. The host enters a scope per request; services that learn
/// something worth recording (which key alias they used, that they generated or revoked a key) call the static
/// one-liners (<see cref="KeyUsed"/>, <see cref="KeyGenerated"/>, <see cref="KeyRevoked"/>), which do nothing outside a
/// scope. Only ids go in: never data, keys or tokens.
/// </summary>
public sealed class AuditScope
{
    private static readonly AsyncLocal<AuditScope?> Ambient = new();

    private readonly Lock _gate = new();
    private readonly List<string> _details = [];
    private string? _keyRef;
    private bool _lifecycle;

    /// <summary>The scope of the current asynchronous flow, or null.</summary>
    public static AuditScope? Current => Ambient.Value;

    /// <summary>The key the operation used (the first one reported), as <c>alias:&lt;id&gt;</c>.</summary>
    public string? KeyRef
    {
        get
        {
            lock (_gate)
            {
                return _keyRef;
            }
        }
    }

    /// <summary>True when a service reported a generation or revocation (the request must be recorded whatever it was).</summary>
    public bool HasLifecycleEvent
    {
        get
        {
            lock (_gate)
            {
                return _lifecycle;
            }
        }
    }

    /// <summary>The reported details, space-separated, or null.</summary>
    public string? Detail
    {
        get
        {
            lock (_gate)
            {
                return _details.Count == 0 ? null : string.Join(' ', _details);
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="scope"/> the ambient scope of the calling flow. Call it from a non-async method (or
    /// directly in the async method whose callees should see it): an async method's changes to the ambient scope do
    /// not flow back to its caller.
    /// </summary>
    public static void Enter(AuditScope? scope) => Ambient.Value = scope;

    /// <summary>Reports the key alias an operation used.</summary>
    public static void KeyUsed(string aliasId) => Current?.SetKey("alias:" + aliasId);

    /// <summary>Reports that a key was generated (also by implicit rotation).</summary>
    public static void KeyGenerated(string aliasId, string appId, string refId) =>
        Current?.AddLifecycle($"generated={aliasId} pair={appId}/{refId}");

    /// <summary>Reports that a key was revoked.</summary>
    public static void KeyRevoked(string aliasId) => Current?.AddLifecycle($"revoked={aliasId}");

    /// <summary>Sets the key reference unless one was reported already.</summary>
    public void SetKey(string keyRef)
    {
        lock (_gate)
        {
            _keyRef ??= keyRef;
        }
    }

    /// <summary>Adds a <c>name=value</c> detail.</summary>
    public void AddDetail(string detail)
    {
        lock (_gate)
        {
            _details.Add(detail);
        }
    }

    private void AddLifecycle(string detail)
    {
        lock (_gate)
        {
            _lifecycle = true;
            _details.Add(detail);
        }
    }
}
