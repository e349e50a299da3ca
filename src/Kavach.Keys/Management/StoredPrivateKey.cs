using System.Security.Cryptography;
using Kavach.Crypto;

namespace Kavach.Keys.Management;

/// <summary>An unwrapped database-held private key: RSA or Ed25519. Dispose it as soon as possible.</summary>
public sealed class StoredPrivateKey : IDisposable
{
    internal StoredPrivateKey(RSA? rsa, Ed25519PrivateKey? ed25519)
    {
        Rsa = rsa;
        Ed25519 = ed25519;
    }

    /// <summary>The RSA key, for base keys.</summary>
    public RSA? Rsa { get; }

    /// <summary>The Ed25519 key, for software Ed25519 signing keys.</summary>
    public Ed25519PrivateKey? Ed25519 { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Rsa?.Dispose();
        Ed25519?.Dispose();
    }
}
