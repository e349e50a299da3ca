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

        if (Find(alias) is not SecretKeyEntry entry)
        {
            throw Find(alias) is null ? new VaultKeyNotFoundException(alias) : new ArgumentException($"The key '{alias}' is a key pair, not a secret key.", nameof(alias));
        }

        var info = Pkcs8PrivateKeyInfo.DecryptAndDecode(_password.Chars, entry.EncryptedKey, out _);
        var raw = info.PrivateKeyBytes.ToArray();
        try
        {
            var aes = Aes.Create();
            aes.Key = raw;
            return _secretKeys.GetOrAdd(alias, aes) is var winner && ReferenceEquals(winner, aes) ? aes : Discard(aes, winner);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    private static Aes Discard(Aes loser, Aes winner)
    {
        loser.Dispose();
        return winner;
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
