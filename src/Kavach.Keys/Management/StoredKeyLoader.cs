using System.Security.Cryptography;
using Kavach.Crypto;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Keys.Wrapping;
using Microsoft.Extensions.Logging;

namespace Kavach.Keys.Management;

/// <summary>
/// Unwraps database-held private keys and refuses any row that was edited or swapped: the stored certificate must be
/// the one the alias row names, the wrapping master must be a master of the same application, and the unwrapped key
/// must be the certificate's key.
/// </summary>
public sealed partial class StoredKeyLoader
{
    private readonly IKeyStore _store;
    private readonly IKeyVault _vault;
    private readonly ILogger<StoredKeyLoader> _logger;

    /// <summary>Creates the loader.</summary>
    public StoredKeyLoader(IKeyStore store, IKeyVault vault, ILogger<StoredKeyLoader> logger)
    {
        _store = store;
        _vault = vault;
        _logger = logger;
    }

    /// <summary>The private key of a database-held key, or an error (never a key that fails a check).</summary>
    public async Task<Result<StoredPrivateKey>> LoadAsync(KeyAlias alias, CancellationToken cancellationToken)
    {
        var stored = await _store.GetStoredKeyAsync(alias.Id, cancellationToken);
        if (stored is null)
        {
            return ErrorCodes.NoUniqueAlias;
        }

        if (stored.IsOtherDomain)
        {
            return ErrorCodes.DecryptionNotAllowed;
        }

        if (!Pem.TryParseCertificate(stored.CertificatePem, out var certificate) ||
            !string.Equals(Thumbprints.Sha256UpperHex(certificate.RawData), alias.CertThumbprint, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(alias.Id, "certificate does not match the alias row");
        }

        var master = await _store.GetAliasAsync(stored.MasterKeyAlias, cancellationToken);
        if (master is null || master.RefId.Length != 0 || !string.Equals(master.AppId, alias.AppId, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(alias.Id, "wrapping key is not a master key of the application");
        }

        var pkcs8 = BaseKeyWrapper.TryUnwrap(stored.WrappedPrivateKey, _vault, stored.MasterKeyAlias);
        if (pkcs8 is null)
        {
            return Refuse(alias.Id, "wrapped key does not unwrap");
        }

        try
        {
            var publicKeyInfo = certificate.PublicKey.ExportSubjectPublicKeyInfo();
            if (certificate.PublicKey.Oid.Value == Ed25519.Oid)
            {
                var ed = Ed25519PrivateKey.ImportPkcs8(pkcs8);
                if (!publicKeyInfo.AsSpan().SequenceEqual(ed.ExportSubjectPublicKeyInfo()))
                {
                    ed.Dispose();
                    return Refuse(alias.Id, "private key does not match the certificate");
                }

                return new StoredPrivateKey(null, ed);
            }

            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            if (!publicKeyInfo.AsSpan().SequenceEqual(rsa.ExportSubjectPublicKeyInfo()))
            {
                rsa.Dispose();
                return Refuse(alias.Id, "private key does not match the certificate");
            }

            return new StoredPrivateKey(rsa, null);
        }
        catch (CryptographicException)
        {
            return Refuse(alias.Id, "unwrapped key is not a valid private key");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private KavachError Refuse(string aliasId, string reason)
    {
        LogIntegrityFailure(_logger, aliasId, reason);
        return ErrorCodes.StoredKeyIntegrity;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refusing stored key {AliasId}: {Reason}")]
    private static partial void LogIntegrityFailure(ILogger logger, string aliasId, string reason);
}
