using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Keys.Audit;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Policy;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Keys.Wrapping;
using Microsoft.Extensions.Logging;

namespace Kavach.Keys.Migration;

/// <summary>
/// MOSIP's <c>migrateBaseKey</c> (spec §10.2): stores a base key exported by another key manager, wrapped for this
/// one's current master key. Unlike MOSIP, nothing is stored that would not work: the wrapped key must unwrap with
/// that master, be the certificate's key, and carry the certificate's validity. The rows go in through the key
/// store's write scope, so decrypt, getCertificate and rotation use the key at once.
/// </summary>
public sealed partial class BaseKeyMigrator
{
    // MOSIP keeps milliseconds in key_alias; the certificate keeps whole seconds.
    private static readonly TimeSpan ValidityTolerance = TimeSpan.FromSeconds(1);

    private readonly KeyRing _ring;
    private readonly IKeyStore _store;
    private readonly IKeyVault _vault;
    private readonly ILogger<BaseKeyMigrator> _logger;

    /// <summary>Creates the migrator.</summary>
    public BaseKeyMigrator(KeyRing ring, IKeyStore store, IKeyVault vault, ILogger<BaseKeyMigrator> logger)
    {
        _ring = ring;
        _store = store;
        _vault = vault;
        _logger = logger;
    }

    /// <summary>
    /// Stores the key and answers <see cref="KeyMigrationStatus.Success"/>, or <see cref="KeyMigrationStatus.NotAllowed"/>
    /// when the same certificate is already here or a current key exists and the migrated one is valid now (MOSIP's
    /// rule); every refusal leaves the store untouched.
    /// </summary>
    public async Task<Result<string>> MigrateAsync(BaseKeyMigrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var appId = request.AppId;
        var refId = request.RefId;

        // Master, signing and EC keys live in the vault and move with the HSM, never through this endpoint; the
        // temporary ZK key is this key manager's own.
        if (KeyClassifier.IsVaultHeld(KeyClassifier.Classify(appId, refId)) || appId == KeyMigrationIds.TempKeyApplicationId)
        {
            return Refuse(ErrorCodes.ReferenceIdNotSupported, appId, refId, "the pair is not a database-held key");
        }

        if (!Pem.TryParseCertificate(request.CertificatePem, out var certificate))
        {
            return Refuse(ErrorCodes.CertificateParsing, appId, refId, "the certificate does not parse");
        }

        using (certificate)
        {
            if (!ValidityAgrees(request, certificate))
            {
                return Refuse(ErrorCodes.MigratedKeyValidityMismatch, appId, refId, "notBefore/notAfter differ from the certificate");
            }

            // PARTNER rows hold another party's certificate, never a private key here (MOSIP wraps them with their own id).
            var partner = appId == KeyIds.Partner;
            string? masterAlias = null;
            if (!partner)
            {
                var master = await _ring.GetCurrentAsync(appId, string.Empty, cancellationToken);
                if (!master.IsSuccess)
                {
                    // MOSIP reads the master alias alone: no master (or no policy to make one) is KER-KMS-003.
                    return master.Error == ErrorCodes.KeyGenerationNotDone || master.Error == ErrorCodes.ApplicationIdNotValid ? ErrorCodes.NoUniqueAlias : master.Error;
                }

                masterAlias = master.Value.Alias.Id;
                if (CheckKeyPair(request.EncryptedKeyData, masterAlias, certificate) is { } mismatch)
                {
                    return Refuse(mismatch, appId, refId, mismatch == ErrorCodes.KeyNotMatching ? "the private key is not the certificate's" : "the key does not unwrap");
                }
            }

            var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);

            // One certificate, one key: a second row would make thumbprint lookups ambiguous (KER-KMS-023).
            if ((await _store.FindAliasesByThumbprintAsync(thumbprint, cancellationToken)).Count > 0)
            {
                return KeyMigrationStatus.NotAllowed;
            }

            var policies = await _ring.Policies.GetAllAsync(cancellationToken);
            await using var scope = await _store.BeginWriteAsync(appId, refId, cancellationToken);
            var aliases = await scope.GetAliasesAsync(cancellationToken);
            var now = _ring.Now;
            var current = KeyValidity.Current(aliases, now, KeyValidity.PreExpireDays(appId, refId, policies.GetValueOrDefault));
            if (aliases.Any(a => string.Equals(a.CertThumbprint, thumbprint, StringComparison.OrdinalIgnoreCase)) ||
                (current.Count > 0 && request.NotBefore <= now && now <= request.NotAfter))
            {
                return KeyMigrationStatus.NotAllowed;
            }

            var aliasId = Guid.NewGuid().ToString();
            var uniqueValue = partner
                ? UniqueIdentifiers.OtherDomainValue(appId, refId, thumbprint)
                : UniqueIdentifiers.GeneratedValue(appId, refId, request.NotBefore);
            var uniqueIdentifier = UniqueIdentifiers.Compute(uniqueValue);
            if (await scope.UniqueIdentifierExistsAsync(uniqueIdentifier, cancellationToken))
            {
                // The rule of generated keys: the MOSIP value for the first key of a day, the alias after it for the others.
                uniqueIdentifier = UniqueIdentifiers.Compute($"{uniqueValue}_{aliasId}");
            }

            var pem = Pem.Certificate(certificate);
            // cr_by names the migration, so an operator can tell migrated rows from generated ones (and roll them back).
            using (KeyCreator.Enter(KeyMigrationIds.CreatedBy))
            {
                await scope.InsertAliasAsync(new KeyAlias(aliasId, appId, refId, request.NotBefore, request.NotAfter, thumbprint, uniqueIdentifier), cancellationToken);
                await scope.InsertStoredKeyAsync(
                    partner ? new StoredKey(aliasId, aliasId, StoredKey.NoPrivateKey, pem) : new StoredKey(aliasId, masterAlias!, request.EncryptedKeyData, pem),
                    cancellationToken);
            }

            await scope.CommitAsync(cancellationToken);
            AuditScope.KeyGenerated(aliasId, appId, refId, rotation: aliases.Count > 0);
            LogMigrated(_logger, aliasId, appId, refId, thumbprint);
            return KeyMigrationStatus.Success;
        }
    }

    private static bool ValidityAgrees(BaseKeyMigrationRequest request, X509Certificate2 certificate) =>
        request.NotBefore < request.NotAfter &&
        (request.NotBefore - certificate.NotBefore.ToUniversalTime()).Duration() <= ValidityTolerance &&
        (request.NotAfter - certificate.NotAfter.ToUniversalTime()).Duration() <= ValidityTolerance;

    // The checks StoredKeyLoader makes on every use, made once before the row exists.
    private KavachError? CheckKeyPair(string wrapped, string masterAlias, X509Certificate2 certificate)
    {
        var pkcs8 = BaseKeyWrapper.TryUnwrap(wrapped, _vault, masterAlias);
        if (pkcs8 is null)
        {
            return ErrorCodes.MigratedKeyNotUnwrapped;
        }

        try
        {
            byte[] publicKeyInfo;
            if (certificate.PublicKey.Oid.Value == Ed25519.Oid)
            {
                using var ed = Ed25519PrivateKey.ImportPkcs8(pkcs8);
                publicKeyInfo = ed.ExportSubjectPublicKeyInfo();
            }
            else
            {
                using var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(pkcs8, out _);
                publicKeyInfo = rsa.ExportSubjectPublicKeyInfo();
            }

            return publicKeyInfo.AsSpan().SequenceEqual(certificate.PublicKey.ExportSubjectPublicKeyInfo()) ? null : ErrorCodes.KeyNotMatching;
        }
        catch (CryptographicException)
        {
            // Unwrapped bytes that are no private key of the certificate's type.
            return ErrorCodes.KeyNotMatching;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private KavachError Refuse(KavachError error, string appId, string refId, string reason)
    {
        LogRefused(_logger, appId, refId, reason);
        return error;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrated base key {AliasId} for {AppId}/{RefId} (certificate {Thumbprint})")]
    private static partial void LogMigrated(ILogger logger, string aliasId, string appId, string refId, string thumbprint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a base-key migration for {AppId}/{RefId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string appId, string refId, string reason);
}
