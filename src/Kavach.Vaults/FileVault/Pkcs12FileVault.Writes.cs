using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Vault;

namespace Kavach.Vaults;

/// <content>The operations that change the vault file.</content>
public sealed partial class Pkcs12FileVault
{
    private const int LocalKeyIdLength = 20;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The alias is taken, or the issuer returned a certificate for another key.</exception>
    public async Task<X509Certificate2> CreateKeyPairAsync(string alias, VaultKeyType type, CertificateIssuer issue, CancellationToken cancellationToken)
    {
        ValidateNewAlias(alias);
        ArgumentNullException.ThrowIfNull(issue);
        cancellationToken.ThrowIfCancellationRequested();

        // Refuse early so a taken alias costs no key generation; the check under the lock is the one that counts.
        if (Find(alias) is not null)
        {
            throw AliasTaken(alias);
        }

        var key = new LoadedKey(VaultKeyMaterial.Generate(type));
        var kept = false;
        try
        {
            var certificate = Issue(issue, key);
            await MutateAsync(
                current =>
                {
                    if (current.Entries.ContainsKey(alias))
                    {
                        throw AliasTaken(alias);
                    }

                    var encrypted = key.Key.ExportEncryptedPkcs8PrivateKey(_password.Chars, Pkcs12VaultCodec.KeyEncryption);
                    CommitLocked(current.Entries.Values.Append(new KeyPairEntry(alias, NewLocalKeyId(), encrypted, certificate, new DeferredKey(key))));
                    kept = true;
                },
                cancellationToken);
            return X509CertificateLoader.LoadCertificate(certificate);
        }
        finally
        {
            if (!kept)
            {
                key.Retire();
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="VaultKeyNotFoundException">No key pair under <paramref name="alias"/>.</exception>
    /// <exception cref="ArgumentException">The certificate's public key is not the key pair's, or the alias holds a secret key.</exception>
    public async Task ReplaceCertificateAsync(string alias, X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alias);
        ArgumentNullException.ThrowIfNull(certificate);
        var publicKey = VaultKeyMaterial.SubjectPublicKeyInfo(certificate);
        var encoded = certificate.RawData;
        await MutateAsync(
            current =>
            {
                if (!current.Entries.TryGetValue(alias, out var entry))
                {
                    throw new VaultKeyNotFoundException(alias);
                }

                if (entry is not KeyPairEntry pair)
                {
                    throw new ArgumentException($"The key '{alias}' is a secret key and has no certificate.", nameof(alias));
                }

                if (!publicKey.AsSpan().SequenceEqual(pair.Key.SubjectPublicKeyInfo))
                {
                    throw new ArgumentException($"The certificate's public key is not the public key of '{alias}'.", nameof(certificate));
                }

                // A key's usage is fixed when it is made: no certificate swap turns a data-signing key into an issuer or back.
                if (KeyUsageRules.CanIssue(encoded) != pair.CanIssue)
                {
                    throw new KeyUsageException(alias, $"The new certificate of '{alias}' would change whether the key issues certificates.");
                }

                var replaced = new KeyPairEntry(alias, pair.LocalKeyId, pair.EncryptedKey, encoded, pair.Key);
                CommitLocked(current.Entries.Values.Select(other => other.Alias == alias ? replaced : other));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The alias is taken.</exception>
    public async Task CreateSecretKeyAsync(string alias, CancellationToken cancellationToken)
    {
        ValidateNewAlias(alias);
        await MutateAsync(
            current =>
            {
                if (current.Entries.ContainsKey(alias))
                {
                    throw AliasTaken(alias);
                }

                var encrypted = VaultKeyMaterial.NewEncryptedSecretKey(_password.Chars, Pkcs12VaultCodec.KeyEncryption);
                CommitLocked(current.Entries.Values.Append(new SecretKeyEntry(alias, NewLocalKeyId(), encrypted)));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string alias, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alias);
        await MutateAsync(
            current =>
            {
                if (current.Entries.ContainsKey(alias))
                {
                    CommitLocked(current.Entries.Values.Where(entry => entry.Alias != alias));
                }

                if (_secretKeys.TryRemove(alias, out var aes))
                {
                    aes.Dispose();
                }
            },
            cancellationToken);
    }

    private static byte[] Issue(CertificateIssuer issue, LoadedKey key)
    {
        var certificate = issue(new PublicKey(key.Key), VaultKeyMaterial.SelfSigner(key))
            ?? throw new InvalidOperationException("The certificate issuer returned no certificate.");
        if (!VaultKeyMaterial.SubjectPublicKeyInfo(certificate).AsSpan().SequenceEqual(key.SubjectPublicKeyInfo))
        {
            throw new InvalidOperationException("The certificate issuer returned a certificate for another public key.");
        }

        return certificate.RawData;
    }

    private static void ValidateNewAlias(string alias)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        foreach (var c in alias)
        {
            // friendlyName is a BMPString: no surrogate pairs; control characters would only cause confusion.
            if (char.IsSurrogate(c) || char.IsControl(c))
            {
                throw new ArgumentException("A vault alias holds printable characters of the Basic Multilingual Plane only.", nameof(alias));
            }
        }
    }

    private static InvalidOperationException AliasTaken(string alias) =>
        new($"The key vault already holds a key with alias '{alias}'.");

    private static byte[] NewLocalKeyId() => RandomNumberGenerator.GetBytes(LocalKeyIdLength);

    /// <summary>
    /// Runs <paramref name="change"/> on a freshly reloaded snapshot while holding the cross-process lock file and
    /// <see cref="_stateLock"/>, so no other writer (here or in another process) interleaves.
    /// </summary>
    private async Task MutateAsync(Action<VaultSnapshot> change, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var fileLock = await VaultFileLock.AcquireAsync(_paths.LockFile, _time, LockTimeout, cancellationToken);
        lock (_stateLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            change(RefreshLocked(forWrite: true));
        }
    }

    /// <summary>Writes <paramref name="entries"/> as the new vault file and publishes them. Caller holds both locks.</summary>
    private void CommitLocked(IEnumerable<VaultEntry> entries)
    {
        var list = entries.ToList();
        var bytes = Pkcs12VaultCodec.Encode(list, _password.Chars);
        OwnerOnlyFiles.WriteAtomically(_paths.VaultFile, bytes, overwrite: true);
        PublishLocked(VaultSnapshot.Create(list, bytes));
    }
}
