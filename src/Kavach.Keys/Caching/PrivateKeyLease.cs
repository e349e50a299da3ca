using BitFaster.Caching;
using Kavach.Keys.Management;

namespace Kavach.Keys.Caching;

/// <summary>The use of a cached private key by one request; dispose it when the operation is done.</summary>
public sealed class PrivateKeyLease : IDisposable
{
    private Lifetime<StoredPrivateKey>? _lifetime;

    internal PrivateKeyLease(Lifetime<StoredPrivateKey> lifetime) => _lifetime = lifetime;

    /// <summary>The key.</summary>
    public StoredPrivateKey Key => (_lifetime ?? throw new ObjectDisposedException(nameof(PrivateKeyLease))).Value;

    /// <inheritdoc />
    public void Dispose() => Interlocked.Exchange(ref _lifetime, null)?.Dispose();
}
