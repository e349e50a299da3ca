namespace Kavach.Vaults;

/// <summary>
/// A key pair's private key, decrypted on its first use rather than when the file is read. Deriving a bag's key costs
/// a 600,000-round PBKDF2 (0.15–0.3 s of CPU), and most processes (a CLI command, a server that signs with two keys)
/// use few of the keys in the vault: opening pays for none, each used key is paid for once per process.
/// </summary>
/// <remarks>
/// <para>Until the first use the public key is the one the certificate bag carries; the decryption checks the private
/// key against it before anyone gets the key, so a mismatching or undecryptable bag fails closed at that moment.</para>
/// <para>Concurrent first uses wait on one lock, so the key is derived once. A damaged bag's failure is kept (the
/// encrypted bytes, the password and the expected public key of this object never change, so a retry would only burn
/// another derivation); any other failure (vault disposed) is not kept, and nothing but a checked key is ever kept as
/// the loaded key. Retiring never waits for a decryption in flight: whichever of the two comes second retires the
/// loaded key.</para>
/// </remarks>
internal sealed class DeferredKey
{
    private readonly Lock _loading = new();
    private LoadedKey? _loaded;
    private Exception? _damage;
    private int _retired;

    /// <summary>A key still encrypted as it sits in the file, expected to carry <paramref name="subjectPublicKeyInfo"/>.</summary>
    public DeferredKey(byte[] encryptedKey, byte[] subjectPublicKeyInfo)
    {
        EncryptedKey = encryptedKey;
        SubjectPublicKeyInfo = subjectPublicKeyInfo;
    }

    /// <summary>A key this process holds already (generated here).</summary>
    public DeferredKey(LoadedKey loaded)
    {
        EncryptedKey = [];
        SubjectPublicKeyInfo = loaded.SubjectPublicKeyInfo;
        _loaded = loaded;
    }

    /// <summary>The EncryptedPrivateKeyInfo to decrypt on first use; empty for a key generated in this process.</summary>
    public byte[] EncryptedKey { get; }

    /// <summary>
    /// The DER SubjectPublicKeyInfo (as .NET re-exports it): the certificate's until the key is loaded, which then has
    /// been checked to be the key's own. Reading it never decrypts anything.
    /// </summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>True once the private key is decrypted (or was generated here).</summary>
    public bool IsLoaded => Volatile.Read(ref _loaded) is not null;

    /// <summary>
    /// Leases the private key, decrypting it with <paramref name="decrypt"/> if no one has yet. Null when the key is
    /// retired; otherwise pair with <see cref="LoadedKey.Release"/>.
    /// </summary>
    /// <exception cref="VaultOpenException">The bag does not decrypt, or its key does not match the certificate.</exception>
    public LoadedKey? TryAcquire(Func<DeferredKey, LoadedKey> decrypt)
    {
        var key = Volatile.Read(ref _loaded) ?? Load(decrypt);
        return key is not null && key.TryAcquire() ? key : null;
    }

    /// <summary>Refuses new uses; the loaded key, if any, is disposed once no use is in flight.</summary>
    public void Retire()
    {
        // Full fences on both sides (here and in Load): a decryption finishing now either sees the flag or its key
        // is seen here; LoadedKey.Retire is idempotent, so both retiring it is harmless.
        Interlocked.Exchange(ref _retired, 1);
        Volatile.Read(ref _loaded)?.Retire();
    }

    private LoadedKey? Load(Func<DeferredKey, LoadedKey> decrypt)
    {
        lock (_loading)
        {
            if (Volatile.Read(ref _loaded) is { } done)
            {
                return done;
            }

            if (Volatile.Read(ref _retired) != 0)
            {
                return null;
            }

            if (_damage is not null)
            {
                throw Pkcs12VaultCodec.Damaged(_damage);
            }

            LoadedKey key;
            try
            {
                key = decrypt(this);
            }
            catch (VaultOpenException damaged)
            {
                _damage = damaged.InnerException ?? damaged;
                throw;
            }

            Interlocked.Exchange(ref _loaded, key);
            if (Volatile.Read(ref _retired) != 0)
            {
                key.Retire();
            }

            return key;
        }
    }
}
