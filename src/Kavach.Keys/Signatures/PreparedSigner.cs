using Kavach.Keys.Caching;

namespace Kavach.Keys.Signatures;

/// <summary>A ready signing function; holds the lease of a cached key until disposed.</summary>
public sealed class PreparedSigner : IDisposable
{
    private readonly PrivateKeyLease? _lease;

    internal PreparedSigner(Func<byte[], byte[]> sign, PrivateKeyLease? lease)
    {
        Sign = sign;
        _lease = lease;
    }

    /// <summary>Signs a signing input, returning the raw JWS signature.</summary>
    public Func<byte[], byte[]> Sign { get; }

    /// <inheritdoc />
    public void Dispose() => _lease?.Dispose();
}
