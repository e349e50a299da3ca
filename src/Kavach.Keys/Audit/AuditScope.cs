namespace Kavach.Keys.Audit;

/// <summary>
/// The ambient audit details of the current request or operator command. The host enters a scope; services that learn
/// something worth recording (which key alias they used, that they generated or revoked a key) call the static
/// one-liners (<see cref="KeyUsed"/>, <see cref="KeyGenerated"/>, <see cref="KeyRevoked"/>), which do nothing outside a
/// scope. Only ids go in: never data, keys or tokens.
/// </summary>
public sealed class AuditScope
{
    /// <summary>The operation name of the record written for every generated key.</summary>
    public const string KeyGenerateOperation = "key.generate";

    private static readonly AsyncLocal<AuditScope?> Ambient = new();

    private readonly Lock _gate = new();
    private readonly List<string> _details = [];
    private readonly List<GeneratedKey> _generated = [];
    private string? _keyRef;
    private string? _usedAlias;
    private bool _lifecycle;

    /// <summary>The scope of the current asynchronous flow, or null.</summary>
    public static AuditScope? Current => Ambient.Value;

    /// <summary>
    /// The key the operation used: the first alias a service reported (<c>alias:&lt;id&gt;</c>), else what
    /// <see cref="SetKey"/> set.
    /// </summary>
    public string? KeyRef
    {
        get
        {
            // Composed here, not in KeyUsed: the decrypt and sign paths report on every call, the record is read once.
            if (Volatile.Read(ref _usedAlias) is { } alias)
            {
                return "alias:" + alias;
            }

            lock (_gate)
            {
                return _keyRef;
            }
        }
    }

    /// <summary>True when a service reported a revocation (the request must be recorded whatever it was).</summary>
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

    /// <summary>The keys generated in this scope, in the order they were committed.</summary>
    public IReadOnlyList<GeneratedKey> GeneratedKeys
    {
        get
        {
            lock (_gate)
            {
                return _generated.Count == 0 ? [] : [.. _generated];
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

    /// <summary>Reports the key alias an operation used (the first report wins). Lock- and allocation-free: a hot path.</summary>
    public static void KeyUsed(string aliasId)
    {
        if (Ambient.Value is { } scope)
        {
            Interlocked.CompareExchange(ref scope._usedAlias, aliasId, null);
        }
    }

    /// <summary>Reports that a key was committed by a generation (<paramref name="rotation"/>: the pair had keys before).</summary>
    public static void KeyGenerated(string aliasId, string appId, string refId, bool rotation) =>
        Ambient.Value?.AddGenerated(new GeneratedKey(aliasId, appId, refId, rotation));

    /// <summary>Reports that a key was revoked.</summary>
    public static void KeyRevoked(string aliasId) => Ambient.Value?.AddLifecycle($"revoked={aliasId}");

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

    /// <summary>
    /// One <see cref="KeyGenerateOperation"/> record per generated key, attributed like <paramref name="cause"/> (same
    /// time, request, actor and client), naming the pair and alias, with <c>via=</c> the operation that caused it.
    /// </summary>
    public IReadOnlyList<AuditEntry> GeneratedKeyEntries(AuditEntry cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        var generated = GeneratedKeys;
        if (generated.Count == 0)
        {
            return [];
        }

        var entries = new List<AuditEntry>(generated.Count);
        foreach (var key in generated)
        {
            entries.Add(cause with
            {
                Operation = KeyGenerateOperation,
                AppId = key.AppId,
                RefId = key.RefId,
                KeyRef = "alias:" + key.AliasId,
                Subject = null,
                Outcome = AuditOutcomes.Success,
                HttpStatus = null,
                Detail = key.Rotation ? $"via={cause.Operation} rotation=true" : $"via={cause.Operation}",
            });
        }

        return entries;
    }

    private void AddGenerated(GeneratedKey key)
    {
        lock (_gate)
        {
            _generated.Add(key);
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
