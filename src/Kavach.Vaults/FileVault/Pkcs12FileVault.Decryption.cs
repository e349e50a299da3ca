using System.Formats.Asn1;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace Kavach.Vaults;

/// <content>Decrypting key bags on first use: the only place the vault derives a bag's key from the password.</content>
public sealed partial class Pkcs12FileVault
{
    private int _keyDerivations;

    /// <summary>
    /// How many key bags (key pairs and secret keys) this instance has decrypted, each a 600,000-round PBKDF2: the test
    /// seam that shows opening derives nothing and a first use derives once.
    /// </summary>
    internal int KeyDerivations => Volatile.Read(ref _keyDerivations);

    /// <summary>How many key pairs of the current snapshot hold their private key decrypted (the test seam's other half).</summary>
    internal int DecryptedKeyPairs => Volatile.Read(ref _snapshot).Keys().Count(key => key.IsLoaded);

    /// <summary>
    /// Decrypts <paramref name="key"/>'s bag and checks it against its certificate's public key. Called by
    /// <see cref="DeferredKey"/> under its own lock, never under <see cref="_stateLock"/>: a derivation takes a fifth
    /// of a second, and writes, reloads and other keys' first uses must not wait for it.
    /// </summary>
    /// <exception cref="VaultOpenException">The bag does not decrypt or its key does not match the certificate.</exception>
    /// <exception cref="ObjectDisposedException">The vault is disposed.</exception>
    private LoadedKey DecryptKey(DeferredKey key)
    {
        var password = CopyPassword();
        try
        {
            Interlocked.Increment(ref _keyDerivations);
            return VaultKeyMaterial.Import(key.EncryptedKey, password, key.SubjectPublicKeyInfo);
        }
        catch (Exception exception) when (exception is CryptographicException or AsnContentException or InvalidDataException)
        {
            // The same error as opening a damaged file gives: the bag is part of the file, only read later.
            throw Pkcs12VaultCodec.Damaged(exception);
        }
        finally
        {
            Wipe(password);
        }
    }

    /// <summary>
    /// Decrypts a secret bag into its raw AES key; the caller wipes the result.
    /// </summary>
    /// <exception cref="VaultOpenException">The bag does not decrypt.</exception>
    /// <exception cref="ObjectDisposedException">The vault is disposed.</exception>
    private byte[] DecryptSecretKey(SecretKeyEntry entry)
    {
        var password = CopyPassword();
        try
        {
            Interlocked.Increment(ref _keyDerivations);
            var info = Pkcs8PrivateKeyInfo.DecryptAndDecode(password, entry.EncryptedKey, out _);
            return info.PrivateKeyBytes.ToArray();
        }
        catch (Exception exception) when (exception is CryptographicException or AsnContentException or InvalidDataException)
        {
            throw Pkcs12VaultCodec.Damaged(exception);
        }
        finally
        {
            Wipe(password);
        }
    }

    /// <summary>
    /// A pinned copy of the password, for a derivation that runs outside <see cref="_stateLock"/> (which guards the
    /// password against <see cref="Dispose"/> wiping it mid-use). The caller wipes it.
    /// </summary>
    private char[] CopyPassword()
    {
        lock (_stateLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var chars = _password.Chars;
            var copy = GC.AllocateArray<char>(chars.Length, pinned: true);
            chars.CopyTo(copy);
            return copy;
        }
    }

    private static void Wipe(char[] password) => CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(password.AsSpan()));
}
