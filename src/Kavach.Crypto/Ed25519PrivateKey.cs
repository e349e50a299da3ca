using System.Security.Cryptography;
using Kavach.Crypto.Interop;

namespace Kavach.Crypto;

/// <summary>An Ed25519 private key held by OpenSSL; dispose it to free and cleanse the native key.</summary>
public sealed class Ed25519PrivateKey : IDisposable
{
    private readonly EvpPkeyHandle _key;
    private readonly byte[] _publicKey;

    private Ed25519PrivateKey(EvpPkeyHandle key)
    {
        _key = key;
        _publicKey = OpenSslEd25519.ExportRawPublicKey(key);
    }

    /// <summary>The 32-byte raw public key (a fresh copy on every read).</summary>
    public byte[] PublicKeyRaw => (byte[])_publicKey.Clone();

    /// <summary>Generates a new key pair from OpenSSL's CSPRNG.</summary>
    public static Ed25519PrivateKey Generate() => Own(OpenSslEd25519.Generate());

    /// <summary>Imports a DER PKCS#8 PrivateKeyInfo (or OneAsymmetricKey) holding an Ed25519 key.</summary>
    /// <exception cref="CryptographicException">The input is not exactly one Ed25519 PKCS#8 key.</exception>
    public static Ed25519PrivateKey ImportPkcs8(ReadOnlySpan<byte> pkcs8Der) =>
        Own(OpenSslEd25519.DecodePkcs8(pkcs8Der) ?? throw InvalidKey());

    /// <summary>Imports the 32-byte private key (RFC 8032's "secret key", the seed).</summary>
    /// <exception cref="CryptographicException">The input is not 32 bytes.</exception>
    public static Ed25519PrivateKey ImportRawPrivateKey(ReadOnlySpan<byte> seed32)
    {
        if (seed32.Length != OpenSslEd25519.PrivateKeyLength)
        {
            throw InvalidKey();
        }

        return Own(OpenSslEd25519.FromRawPrivateKey(seed32) ?? throw InvalidKey());
    }

    /// <summary>Exports the key as DER PKCS#8 PrivateKeyInfo (OID 1.3.101.112), as <c>openssl pkey -outform DER</c> does.</summary>
    /// <remarks>The result is secret; the caller owns it and should wipe it when done.</remarks>
    public byte[] ExportPkcs8()
    {
        ObjectDisposedException.ThrowIf(_key.IsClosed, this);
        return OpenSslEd25519.ExportPkcs8(_key);
    }

    /// <summary>Exports the public key as a DER SubjectPublicKeyInfo.</summary>
    public byte[] ExportSubjectPublicKeyInfo()
    {
        ObjectDisposedException.ThrowIf(_key.IsClosed, this);
        return OpenSslEd25519.ExportSubjectPublicKeyInfo(_key);
    }

    /// <summary>Signs <paramref name="data"/> with PureEdDSA (RFC 8032) and returns the 64-byte signature.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_key.IsClosed, this);
        return OpenSslEd25519.Sign(_key, data);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    private static Ed25519PrivateKey Own(EvpPkeyHandle key)
    {
        try
        {
            return new Ed25519PrivateKey(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    // One message for every kind of bad input, so the exception says nothing about the key.
    private static CryptographicException InvalidKey() => new("The Ed25519 private key is invalid.");
}
