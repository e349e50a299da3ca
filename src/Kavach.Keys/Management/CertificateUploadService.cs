using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Policy;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Keys.Management;

/// <summary><c>uploadCertificate</c> (a CA-signed certificate for one of our keys) and <c>uploadOtherDomainCertificate</c>.</summary>
public sealed class CertificateUploadService
{
    /// <summary>The status MOSIP returns on success.</summary>
    public const string UploadSuccess = "Upload Success";

    private static readonly TimeSpan ExpireGrace = TimeSpan.FromMinutes(1);

    private readonly KeyRing _ring;
    private readonly IKeyStore _store;
    private readonly IKeyVault _vault;

    /// <summary>Creates the service.</summary>
    public CertificateUploadService(KeyRing ring, IKeyStore store, IKeyVault vault)
    {
        _ring = ring;
        _store = store;
        _vault = vault;
    }

    /// <summary>
    /// Replaces the certificate of the current key of (appId, refId) with <paramref name="certificatePem"/>, which must
    /// carry the same public key. Unlike MOSIP, the key id (<c>uni_ident</c>) does not change.
    /// </summary>
    public async Task<Result<string>> UploadCertificateAsync(string appId, string? refId, string certificatePem, CancellationToken cancellationToken)
    {
        if (!Pem.TryParseCertificate(certificatePem, out var certificate))
        {
            return ErrorCodes.CertificateParsing;
        }

        var policies = await _ring.Policies.GetAllAsync(cancellationToken);
        if (!KeyRing.IsActive(policies.GetValueOrDefault(appId)))
        {
            return ErrorCodes.ApplicationIdNotValid;
        }

        var reference = refId?.Trim() ?? string.Empty;
        var keyClass = KeyClassifier.Classify(appId, reference);
        await using var scope = await _store.BeginWriteAsync(appId, reference, cancellationToken);
        var current = KeyValidity.Current(await scope.GetAliasesAsync(cancellationToken), _ring.Now, KeyValidity.PreExpireDays(appId, reference, policies.GetValueOrDefault));
        if (current.Count != 1)
        {
            return ErrorCodes.NoUniqueAlias;
        }

        var alias = current[0];
        var existing = await _ring.LoadAsync(alias, keyClass, cancellationToken);
        if (!existing.IsSuccess)
        {
            return existing.Error;
        }

        if (!SamePublicKey(existing.Value.Certificate, certificate))
        {
            return ErrorCodes.KeyNotMatching;
        }

        // A key's usage is fixed when it is made: an upload must not turn a data-signing key into an issuer or back.
        if (KeyUsageRules.CanIssue(existing.Value.Certificate) != KeyUsageRules.CanIssue(certificate))
        {
            return ErrorCodes.UploadNotAllowed;
        }

        var thumbprint = Thumbprint(certificate);
        await scope.UpdateAliasCertificateAsync(
            alias.Id, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(), thumbprint, alias.UniqueIdentifier ?? UniqueIdentifiers.Compute(UniqueIdentifiers.OtherDomainValue(appId, reference, thumbprint)), cancellationToken);

        if (!KeyClassifier.IsVaultHeld(keyClass))
        {
            var stored = await scope.GetStoredKeyAsync(alias.Id, cancellationToken);
            if (stored is null || stored.IsOtherDomain)
            {
                return ErrorCodes.UploadNotAllowed;
            }

            await scope.UpdateStoredCertificateAsync(alias.Id, Pem.Certificate(certificate), cancellationToken);
            await scope.CommitAsync(cancellationToken);
        }
        else
        {
            await _vault.ReplaceCertificateAsync(alias.Id, certificate, cancellationToken);
            try
            {
                await scope.CommitAsync(cancellationToken);
            }
            catch
            {
                // Keep vault and database in step: the row still names the old certificate.
                await _vault.ReplaceCertificateAsync(alias.Id, existing.Value.Certificate, CancellationToken.None);
                throw;
            }
        }

        _ring.ForgetCertificate(alias.Id);
        return UploadSuccess;
    }

    /// <summary>Stores another domain's certificate (no private key) for (appId, refId); it can encrypt, never decrypt.</summary>
    public async Task<Result<string>> UploadOtherDomainCertificateAsync(string appId, string refId, string certificatePem, CancellationToken cancellationToken)
    {
        if (KeyIds.IsKernelSign(appId, refId) || refId == KeyIds.Sign)
        {
            return ErrorCodes.SignAppIdReferenceIdNotAllowed;
        }

        if (KeyIds.IsEcSignReference(refId))
        {
            return ErrorCodes.EcSignReferenceIdNotSupported;
        }

        if (!Pem.TryParseCertificate(certificatePem, out var certificate))
        {
            return ErrorCodes.CertificateParsing;
        }

        var policies = await _ring.Policies.GetAllAsync(cancellationToken);
        await using var scope = await _store.BeginWriteAsync(appId, refId, cancellationToken);
        var aliases = await scope.GetAliasesAsync(cancellationToken);
        var now = _ring.Now;
        var current = KeyValidity.Current(aliases, now, KeyValidity.PreExpireDays(appId, refId, policies.GetValueOrDefault));
        var thumbprint = Thumbprint(certificate);
        if (current.Count > 1)
        {
            return ErrorCodes.NoUniqueAlias;
        }

        if (current.Count == 1)
        {
            var stored = await scope.GetStoredKeyAsync(current[0].Id, cancellationToken);
            if (stored is null)
            {
                return ErrorCodes.OtherDomainValidKeyNotExist;
            }

            if (!stored.IsOtherDomain)
            {
                return ErrorCodes.PrivateKeyFound;
            }

            if (string.Equals(current[0].CertThumbprint, thumbprint, StringComparison.OrdinalIgnoreCase))
            {
                return ErrorCodes.CertificateAlreadyExists;
            }

            await scope.SetExpiryAsync(current[0].Id, now - ExpireGrace, cancellationToken);
        }
        else if (aliases.Count > 0 && await scope.GetStoredKeyAsync(aliases[0].Id, cancellationToken) is null)
        {
            return ErrorCodes.ValidKeyAlreadyExists;
        }

        var aliasId = Guid.NewGuid().ToString();
        var uniqueValue = UniqueIdentifiers.OtherDomainValue(appId, refId, thumbprint);
        var uniqueIdentifier = UniqueIdentifiers.Compute(uniqueValue);
        if (await scope.UniqueIdentifierExistsAsync(uniqueIdentifier, cancellationToken))
        {
            uniqueIdentifier = UniqueIdentifiers.Compute($"{uniqueValue}_{aliasId}");
        }

        await scope.InsertAliasAsync(new KeyAlias(aliasId, appId, refId, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(), thumbprint, uniqueIdentifier), cancellationToken);
        await scope.InsertStoredKeyAsync(new StoredKey(aliasId, aliasId, StoredKey.NoPrivateKey, Pem.Certificate(certificate)), cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return UploadSuccess;
    }

    private static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    private static bool SamePublicKey(X509Certificate2 a, X509Certificate2 b) =>
        a.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(b.PublicKey.ExportSubjectPublicKeyInfo());
}
