using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Kavach.Keys.Vault;

namespace Kavach.Vaults;

/// <summary>AES-ECB with the vault's secret keys (the zero-knowledge master key wraps pool keys this way).</summary>
public sealed partial class Pkcs12FileVault
{
    // Decrypting a secret bag costs a 600,000-round PBKDF2, so each key is decrypted once and kept as an Aes
    // object; Aes objects keep the key in native memory that OpenSSL clears when they are disposed.
    private readonly ConcurrentDictionary<string, Aes> _secretKeys = new(StringComparer.Ordinal);

    // Makes concurrent first uses of a secret key derive it once. One lock for all of them: a vault holds a handful of
    // secret keys, each decrypted once per process. Taken before _stateLock (to copy the password), never inside it.
    private readonly Lock _secretLoading = new();

    /// <inheritdoc />
    public byte[] EncryptAesEcb(string alias, ReadOnlySpan<byte> data)
    {
        using var activity = VaultActivities.Start("vault.aes-encrypt", Kind);
        return SecretKey(alias).EncryptEcb(data, PaddingMode.None);
    }

    /// <inheritdoc />
    public byte[] DecryptAesEcb(string alias, ReadOnlySpan<byte> data)
    {
        using var activity = VaultActivities.Start("vault.aes-decrypt", Kind);
        return SecretKey(alias).DecryptEcb(data, PaddingMode.None);
    }

    private Aes SecretKey(string alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        if (_secretKeys.TryGetValue(alias, out var cached))
        {
            return cached;
        }

        var found = Find(alias);
        if (found is not SecretKeyEntry entry)
        {
            throw found is null ? new VaultKeyNotFoundException(alias) : new ArgumentException($"The key '{alias}' is a key pair, not a secret key.", nameof(alias));
        }

        lock (_secretLoading)
        {
            if (_secretKeys.TryGetValue(alias, out cached))
            {
                return cached;
            }

            var raw = DecryptSecretKey(entry);
            try
            {
                var aes = Aes.Create();
                aes.Key = raw;
                _secretKeys[alias] = aes;

                // Dispose forgets the keys it finds; one added after that is forgotten here, not leaked.
                if (_disposed)
                {
                    ForgetSecretKeys();
                    throw new ObjectDisposedException(GetType().FullName);
                }

                return aes;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(raw);
            }
        }
    }

    private void ForgetSecretKeys()
    {
        foreach (var alias in _secretKeys.Keys)
        {
            if (_secretKeys.TryRemove(alias, out var aes))
            {
                aes.Dispose();
            }
        }
    }
}
