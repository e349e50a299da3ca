using System.Security.Cryptography;

namespace Kavach.Vaults;

/// <summary>
/// A private key kept in memory and shared by concurrent callers. .NET's OpenSSL-backed <see cref="RSA"/> and
/// <see cref="ECDsa"/> create a fresh <c>EVP_PKEY_CTX</c> per operation over an immutable, reference-counted
/// <c>EVP_PKEY</c>, so concurrent Sign/Decrypt on one instance need no lock. Disposing while another thread is in
/// an operation is not safe (the instance nulls its key holder), so callers lease the key and a retired key
/// (deleted, replaced, vault disposed) is disposed by whoever leaves it last.
/// </summary>
internal sealed class LoadedKey
{
    private readonly AsymmetricAlgorithm _key;
    private int _users;
    private int _retired;
    private int _disposed;

    public LoadedKey(AsymmetricAlgorithm key)
    {
        _key = key;
        Rsa = key as RSA;
        Ecdsa = key as ECDsa;
        if (Rsa is null && Ecdsa is null)
        {
            throw new ArgumentException("Only RSA and ECDSA keys are held.", nameof(key));
        }

        SubjectPublicKeyInfo = key.ExportSubjectPublicKeyInfo();
    }

    /// <summary>The key when it is RSA.</summary>
    public RSA? Rsa { get; }

    /// <summary>The key when it is ECDSA.</summary>
    public ECDsa? Ecdsa { get; }

    /// <summary>The DER SubjectPublicKeyInfo, for comparing with certificates.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>The key itself, for the owner that has not shared it yet (export, self-signing).</summary>
    public AsymmetricAlgorithm Key => _key;

    /// <summary>Starts a use of the key; false once the key is retired. Pair a true result with <see cref="Release"/>.</summary>
    public bool TryAcquire()
    {
        // Interlocked operations are full fences: the increment is visible before _retired is read, and Retire
        // publishes _retired before reading _users, so one side always sees the other (Dekker-style).
        Interlocked.Increment(ref _users);
        if (Volatile.Read(ref _retired) != 0)
        {
            Release();
            return false;
        }

        return true;
    }

    /// <summary>Ends a use started by <see cref="TryAcquire"/>.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _users) == 0 && Volatile.Read(ref _retired) != 0)
        {
            DisposeOnce();
        }
    }

    /// <summary>Refuses new uses and disposes the key as soon as no use is in flight.</summary>
    public void Retire()
    {
        Interlocked.Exchange(ref _retired, 1);
        if (Volatile.Read(ref _users) == 0)
        {
            DisposeOnce();
        }
    }

    private void DisposeOnce()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _key.Dispose();
        }
    }
}
