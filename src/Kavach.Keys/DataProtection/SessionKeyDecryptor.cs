using System.Security.Cryptography;
using BitFaster.Caching;
using BitFaster.Caching.Lru;
using Kavach.Keys.Audit;
using Kavach.Keys.Caching;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Keys.DataProtection;

/// <summary>
/// Finds the private key for an encrypted session key and unwraps it (spec §3.3): by the 32-byte certificate
/// thumbprint when present, else MOSIP's legacy try-the-keys path. Thumbprint lookups and unwrapped base keys are
/// cached, so a hot decrypt costs one RSA private operation and no database round trip.
/// </summary>
public sealed class SessionKeyDecryptor : IKeyRevocationListener
{
    // As many thumbprints as the private-key cache holds keys by default.
    private const int ThumbprintCapacity = 10_000;

    private readonly IKeyStore _store;
    private readonly IKeyVault _vault;
    private readonly PrivateKeyCache _keys;

    // Thumbprint (upper-case hex) → the aliases carrying it. Only thumbprints the store knows are kept, and the LRU
    // bounds them whatever callers send; the span lookup keeps a hit free of the hex string.
    private readonly ConcurrentLru<string, KeyAlias[]> _byThumbprint = new(Environment.ProcessorCount, ThumbprintCapacity, StringComparer.Ordinal);
    private readonly IAlternateLookup<ReadOnlySpan<char>, string, KeyAlias[]> _byThumbprintSpan;

    /// <summary>Creates the decryptor.</summary>
    public SessionKeyDecryptor(IKeyStore store, IKeyVault vault, PrivateKeyCache keys)
    {
        _store = store;
        _vault = vault;
        _keys = keys;
        _byThumbprintSpan = _byThumbprint.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// The key with certificate thumbprint <paramref name="thumbprint"/> for (appId, refId): the row must belong to the
    /// same application (MOSIP accepts another reference id of that application, or its master key).
    /// </summary>
    public async Task<Result<KeyAlias>> FindAsync(string appId, string refId, ReadOnlyMemory<byte> thumbprint, CancellationToken cancellationToken)
    {
        if (!TryGetCached(thumbprint.Span, out var candidates))
        {
            var hex = Convert.ToHexString(thumbprint.Span);
            candidates = [.. await _store.FindAliasesByThumbprintAsync(hex, cancellationToken)];
            if (candidates.Length == 0)
            {
                return ErrorCodes.KeyNotFoundByThumbprint;
            }

            _byThumbprint.AddOrUpdate(hex, candidates);
        }

        if (candidates.Length > 1)
        {
            candidates = [.. candidates.Where(a => a.AppId == appId && a.RefId == refId)];
            if (candidates.Length != 1)
            {
                return candidates.Length == 0 ? ErrorCodes.AppIdReferenceIdNotMatching : ErrorCodes.MoreThanOneKeyFound;
            }
        }

        var alias = candidates[0];
        return string.Equals(alias.AppId, appId, StringComparison.Ordinal) ? alias : ErrorCodes.AppIdReferenceIdNotMatching;
    }

    /// <summary>
    /// RSA-OAEP-SHA256-decrypts <paramref name="encryptedKey"/> with the private key of <paramref name="alias"/>.
    /// Vault (master) keys are used only when <paramref name="allowVaultKeys"/>; other-domain keys never.
    /// A key that does not decrypt gives <see cref="ErrorCodes.InvalidEncryptedData"/>.
    /// </summary>
    public async Task<Result<byte[]>> UnwrapAsync(KeyAlias alias, ReadOnlyMemory<byte> encryptedKey, bool allowVaultKeys, CancellationToken cancellationToken)
    {
        var keyClass = KeyClassifier.Classify(alias.AppId, alias.RefId);
        if (KeyClassifier.IsVaultHeld(keyClass))
        {
            // Signing keys sign and nothing else.
            if (!allowVaultKeys || keyClass is KeyClass.DataSign or KeyClass.EcSign)
            {
                return ErrorCodes.DecryptionNotAllowed;
            }

            try
            {
                var unwrapped = _vault.DecryptOaepSha256(alias.Id, encryptedKey.Span);
                AuditScope.KeyUsed(alias.Id);
                return unwrapped;
            }
            catch (CryptographicException)
            {
                return ErrorCodes.InvalidEncryptedData;
            }
        }

        var lease = await _keys.AcquireAsync(alias, cancellationToken);
        if (!lease.IsSuccess)
        {
            return lease.Error;
        }

        using var key = lease.Value;
        var rsa = key.Key.Rsa;
        if (rsa is null)
        {
            return ErrorCodes.InvalidEncryptedData;
        }

        var output = new byte[rsa.KeySize / 8];
        try
        {
            if (!rsa.TryDecrypt(encryptedKey.Span, output, RSAEncryptionPadding.OaepSHA256, out var written))
            {
                return ErrorCodes.InvalidEncryptedData;
            }

            // Only a key that worked is reported: the legacy path tries several.
            AuditScope.KeyUsed(alias.Id);
            return output.AsSpan(0, written).ToArray();
        }
        catch (CryptographicException)
        {
            return ErrorCodes.InvalidEncryptedData;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(output);
        }
    }

    /// <summary>
    /// MOSIP's legacy path for data without a thumbprint: try the first-generated key of (appId, refId) — or of the
    /// master when the pair has none — then every key of the pair, then every master key of the application.
    /// </summary>
    public async Task<Result<byte[]>> UnwrapWithoutThumbprintAsync(string appId, string refId, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken)
    {
        var aliases = await _store.GetAliasesAsync(appId, refId, cancellationToken);
        var masters = refId.Length == 0 ? aliases : await _store.GetAliasesAsync(appId, string.Empty, cancellationToken);
        var candidates = (aliases.Count > 0 ? aliases : masters).Concat(masters).Where(a => a.CertThumbprint is not null).DistinctBy(a => a.Id);
        foreach (var alias in candidates)
        {
            var key = await UnwrapAsync(alias, encryptedKey, allowVaultKeys: true, cancellationToken);
            if (key.IsSuccess)
            {
                return key;
            }
        }

        return aliases.Count == 0 && masters.Count == 0 ? ErrorCodes.NoUniqueAlias : ErrorCodes.InvalidEncryptedData;
    }

    /// <inheritdoc />
    void IKeyRevocationListener.KeyRevoked(string aliasId) => Forget(aliasId);

    /// <summary>Forgets cached lookups and keys of an alias.</summary>
    public void Forget(string aliasId)
    {
        _keys.Drop(aliasId);
        foreach (var entry in _byThumbprint)
        {
            if (entry.Value.Any(a => a.Id == aliasId))
            {
                _byThumbprint.TryRemove(entry);
            }
        }
    }

    private bool TryGetCached(ReadOnlySpan<byte> thumbprint, out KeyAlias[] candidates)
    {
        // Certificate thumbprints are 32 bytes; anything longer is looked up (and refused) by the store.
        Span<char> hex = stackalloc char[64];
        if (thumbprint.Length <= 32 && Convert.TryToHexString(thumbprint, hex, out var written))
        {
            return _byThumbprintSpan.TryGet(hex[..written], out candidates!);
        }

        candidates = [];
        return false;
    }
}
