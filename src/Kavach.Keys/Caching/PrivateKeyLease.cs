using Kavach.Keys.Management;

namespace Kavach.Keys.Caching;

/// <summary>The use of a cached private key by one request; dispose it when the operation is done.</summary>
public sealed class PrivateKeyLease : IDisposable
{
    private PrivateKeyCache.Entry? _entry;

    internal PrivateKeyLease(PrivateKeyCache.Entry entry) => _entry = entry;

    /// <summary>The key.</summary>
    public StoredPrivateKey Key => (_entry ?? throw new ObjectDisposedException(nameof(PrivateKeyLease))).Key;

    /// <inheritdoc />
    public void Dispose() => Interlocked.Exchange(ref _entry, null)?.Release();
}
