using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Vault;

namespace Kavach.Vaults;

/// <summary>
/// The embedded-default key vault: key pairs and AES-256 keys in one password-protected PKCS#12 file.
/// </summary>
/// <remarks>
/// <para>Open it with <see cref="Open"/>. The first open of a directory generates a random password into a 0600 file
/// and an empty vault file; later opens read the password and refuse an unsafe password file or a wrong password.</para>
/// <para>Opening verifies the file's MAC and reads its bags but decrypts no key: each private or secret key is
/// decrypted (a 600,000-round PBKDF2) on its first use in this process, once, then kept in memory as a shared
/// <see cref="RSA"/>/<see cref="ECDsa"/>/<see cref="Aes"/> object: <see cref="SignData"/> and
/// <see cref="DecryptOaepSha256"/> on a decrypted key take no lock and do no I/O. A key bag that does not decrypt or
/// does not match its certificate fails at that first use with the <see cref="VaultOpenException"/> a damaged file
/// gives at open. Certificates, public keys and aliases never need a decryption.</para>
/// <para>Writes take the directory's lock file, reload the file, apply the change, write a new file and rename it
/// into place, so processes sharing the directory never lose each other's keys. A lookup that misses reloads the
/// file if it changed, so keys added by another process become visible; other changes by another process (deletes,
/// replaced certificates) show after the next write or miss in this one.</para>
/// </remarks>
public sealed partial class Pkcs12FileVault : IKeyVault, IDisposable
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private readonly VaultPaths _paths;
    private readonly TimeProvider _time;
    private readonly VaultPassword _password;

    // Guards publishing snapshots and every use of the password; never taken on a Sign/Decrypt that finds its key.
    private readonly Lock _stateLock = new();

    // Cached so that a lease on an already decrypted key allocates no delegate.
    private readonly Func<DeferredKey, LoadedKey> _decryptKey;

    private VaultSnapshot _snapshot;
    private volatile bool _disposed;

    private Pkcs12FileVault(VaultPaths paths, TimeProvider time, VaultPassword password, VaultSnapshot snapshot)
    {
        _paths = paths;
        _time = time;
        _password = password;
        _snapshot = snapshot;
        _decryptKey = DecryptKey;
    }

    /// <inheritdoc />
    public string Kind => "PKCS12";

    /// <summary>
    /// Opens the vault in <see cref="Pkcs12VaultOptions.Directory"/>, creating directory (0700), password file (0600)
    /// and vault file (0600) on first use. Blocks while another process holds the vault lock (at most 30 s).
    /// </summary>
    /// <exception cref="VaultOpenException">The password file is accessible by group or others, is missing while the
    /// vault file exists, or does not open the vault file; or the vault file is damaged.</exception>
    /// <exception cref="PlatformNotSupportedException">On Windows, which has no POSIX file modes.</exception>
    public static Pkcs12FileVault Open(Pkcs12VaultOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var paths = VaultPaths.From(options);
        OwnerOnlyFiles.EnsureDirectory(paths.Directory);
        if (!File.Exists(paths.PasswordFile))
        {
            Initialize(paths, time);
        }

        var password = VaultPassword.Read(paths.PasswordFile);
        try
        {
            var bytes = ReadVaultFile(paths);
            var snapshot = bytes is null
                ? VaultSnapshot.Empty
                : VaultSnapshot.Create(Pkcs12VaultCodec.Decode(bytes, password.Chars, VaultSnapshot.Empty), bytes);
            return new Pkcs12FileVault(paths, time, password, snapshot);
        }
        catch
        {
            password.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Task<VaultStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(GetStatus());
    }

    /// <inheritdoc />
    public Task<X509Certificate2?> GetCertificateAsync(string alias, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alias);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Find(alias) is KeyPairEntry pair ? X509CertificateLoader.LoadCertificate(pair.Certificate) : null);
    }

    /// <inheritdoc />
    public Task<bool> ContainsAsync(string alias, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alias);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Find(alias) is not null);
    }

    /// <inheritdoc />
    /// <exception cref="VaultKeyNotFoundException">No key pair under <paramref name="alias"/>.</exception>
    /// <exception cref="ArgumentException">The algorithm does not fit the key (RSA versus EC), or the alias holds a secret key.</exception>
    /// <exception cref="KeyUsageException">The key is an issuing key.</exception>
    public byte[] SignData(string alias, ReadOnlySpan<byte> data, VaultSignatureAlgorithm algorithm)
    {
        using var activity = VaultActivities.Start("vault.sign", Kind);
        var key = AcquireKey(alias, RefuseIssuer);
        try
        {
            return algorithm switch
            {
                VaultSignatureAlgorithm.RsaPkcs1Sha256 =>
                    RequireRsa(key, alias, algorithm).SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),

                // .NET's PSS uses a salt as long as the hash (32 bytes), which is what PS256 means.
                VaultSignatureAlgorithm.RsaPssSha256 =>
                    RequireRsa(key, alias, algorithm).SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
                VaultSignatureAlgorithm.EcdsaSha256 =>
                    RequireEcdsa(key, alias).SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown signature algorithm."),
            };
        }
        finally
        {
            key.Release();
        }
    }

    /// <inheritdoc />
    /// <exception cref="VaultKeyNotFoundException">No key pair under <paramref name="alias"/>.</exception>
    /// <exception cref="ArgumentException">The key is not RSA, or the alias holds a secret key.</exception>
    public byte[] DecryptOaepSha256(string alias, ReadOnlySpan<byte> ciphertext)
    {
        using var activity = VaultActivities.Start("vault.decrypt", Kind);
        var key = AcquireKey(alias);
        try
        {
            // .NET's CryptographicException passes through untouched: no detail about why padding failed.
            return RequireRsa(key, alias, null).Decrypt(ciphertext, RSAEncryptionPadding.OaepSHA256);
        }
        finally
        {
            key.Release();
        }
    }

    /// <summary>Disposes the in-memory keys (once in-flight operations finish) and wipes the password.</summary>
    public void Dispose()
    {
        lock (_stateLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            var last = _snapshot;
            _snapshot = VaultSnapshot.Empty;
            foreach (var key in last.Keys())
            {
                key.Retire();
            }

            ForgetSecretKeys();
            _password.Dispose();
        }
    }

    // Checked before the key is leased: the certificate decides, so a refusal costs no key derivation.
    private static void RefuseIssuer(KeyPairEntry pair)
    {
        if (pair.CanIssue)
        {
            throw new KeyUsageException(pair.Alias, $"The key '{pair.Alias}' issues certificates and signs no data.");
        }
    }

    private static RSA RequireRsa(LoadedKey key, string alias, VaultSignatureAlgorithm? algorithm) =>
        key.Rsa ?? throw new ArgumentException(
            algorithm is null
                ? $"The key '{alias}' is not an RSA key and cannot decrypt RSA-OAEP."
                : $"The key '{alias}' is not an RSA key and cannot sign with {algorithm}.",
            nameof(alias));

    private static ECDsa RequireEcdsa(LoadedKey key, string alias) =>
        key.Ecdsa ?? throw new ArgumentException($"The key '{alias}' is not an EC key and cannot sign with ECDSA.", nameof(alias));

    private static void Initialize(VaultPaths paths, TimeProvider time)
    {
        using var fileLock = VaultFileLock.Acquire(paths.LockFile, time, LockTimeout);
        if (File.Exists(paths.PasswordFile))
        {
            return; // Another process initialised the directory while this one waited for the lock.
        }

        if (File.Exists(paths.VaultFile))
        {
            throw new VaultOpenException(
                "The vault file exists but its password file is missing; restore the password file "
                + "(a new password could not open the keys already in the vault).");
        }

        VaultPassword.Create(paths.PasswordFile);
        using var password = VaultPassword.Read(paths.PasswordFile);
        OwnerOnlyFiles.WriteAtomically(paths.VaultFile, Pkcs12VaultCodec.Encode([], password.Chars), overwrite: false);
    }

    private static byte[]? ReadVaultFile(VaultPaths paths)
    {
        try
        {
            return File.ReadAllBytes(paths.VaultFile);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Leases the private key of <paramref name="alias"/>, decrypting it if this is its first use; the caller must
    /// <see cref="LoadedKey.Release"/> it.
    /// </summary>
    /// <param name="alias">The key pair's alias.</param>
    /// <param name="beforeUse">A check of the entry that runs before its key is leased (and so before a first use decrypts it).</param>
    /// <exception cref="VaultOpenException">The key's bag is damaged (does not decrypt or match its certificate).</exception>
    private LoadedKey AcquireKey(string alias, Action<KeyPairEntry>? beforeUse = null)
    {
        ArgumentNullException.ThrowIfNull(alias);

        // A failed lease means the key was retired between lookup and use (deleted, or replaced by a reload);
        // the next snapshot tells which.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var entry = Find(alias) ?? throw new VaultKeyNotFoundException(alias);
            if (entry is not KeyPairEntry pair)
            {
                throw new ArgumentException($"The key '{alias}' is a secret key, not a key pair.", nameof(alias));
            }

            beforeUse?.Invoke(pair);
            if (pair.Key.TryAcquire(_decryptKey) is { } key)
            {
                return key;
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
        }

        throw new VaultKeyNotFoundException(alias);
    }

    /// <summary>The entry under <paramref name="alias"/>; on a miss, reloads the file if another process changed it.</summary>
    private VaultEntry? Find(string alias)
    {
        var seen = Volatile.Read(ref _snapshot);
        if (seen.Entries.TryGetValue(alias, out var entry))
        {
            return entry;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_stateLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // Someone else published since the miss (a write or another reload): that view is newer than ours.
            var current = ReferenceEquals(_snapshot, seen) ? RefreshLocked(forWrite: false) : _snapshot;
            return current.Entries.GetValueOrDefault(alias);
        }
    }

    /// <summary>Reloads the file when its bytes differ from the current snapshot. Caller holds <see cref="_stateLock"/>.</summary>
    private VaultSnapshot RefreshLocked(bool forWrite)
    {
        var current = _snapshot;
        var bytes = ReadVaultFile(_paths);
        if (bytes is null)
        {
            if (forWrite && current.FileBytes is not null)
            {
                throw new IOException("The vault file has disappeared; the vault refuses to write a file that would drop keys.");
            }

            return current;
        }

        if (current.FileBytes is not null && bytes.AsSpan().SequenceEqual(current.FileBytes))
        {
            return current;
        }

        var next = VaultSnapshot.Create(Pkcs12VaultCodec.Decode(bytes, _password.Chars, current), bytes);
        PublishLocked(next);
        return next;
    }

    /// <summary>Makes <paramref name="next"/> current and retires the keys it no longer holds. Caller holds <see cref="_stateLock"/>.</summary>
    private void PublishLocked(VaultSnapshot next)
    {
        var previous = _snapshot;
        Volatile.Write(ref _snapshot, next);
        var kept = next.Keys().ToHashSet();
        foreach (var key in previous.Keys())
        {
            if (!kept.Contains(key))
            {
                key.Retire();
            }
        }
    }

    private VaultStatus GetStatus()
    {
        if (_disposed)
        {
            return new VaultStatus(false, "The PKCS#12 vault has been closed.");
        }

        if (!Directory.Exists(_paths.Directory))
        {
            return new VaultStatus(false, "The PKCS#12 vault directory is missing.");
        }

        var snapshot = Volatile.Read(ref _snapshot);
        if (File.Exists(_paths.VaultFile))
        {
            try
            {
                using var probe = new FileStream(_paths.VaultFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return new VaultStatus(false, "The PKCS#12 vault file cannot be read.");
            }

            var pairs = snapshot.Entries.Values.Count(entry => entry is KeyPairEntry);
            return new VaultStatus(true, $"PKCS#12 vault ready: {pairs} key pairs, {snapshot.Entries.Count - pairs} secret keys.");
        }

        if (snapshot.FileBytes is not null)
        {
            return new VaultStatus(false, "The PKCS#12 vault file has disappeared.");
        }

        return CanWriteDirectory()
            ? new VaultStatus(true, "PKCS#12 vault ready and empty; the file is written with the first key.")
            : new VaultStatus(false, "The PKCS#12 vault directory is not writable.");
    }

    private bool CanWriteDirectory()
    {
        var probePath = Path.Combine(_paths.Directory, $".{_paths.FileName}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.probe");
        try
        {
            var options = OwnerOnlyFiles.Options(FileMode.CreateNew, FileAccess.Write, FileShare.None);
            options.Options = FileOptions.DeleteOnClose;
            using var probe = new FileStream(probePath, options);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
