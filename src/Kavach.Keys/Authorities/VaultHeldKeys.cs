using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Audit;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Keys.Authorities;

/// <summary>
/// The keys our own services hold in the vault under an application id that has no key policy (the partner TLS CA,
/// the device CA, the device server's message keys): each a vault key pair whose certificate ROOT issued, recorded in
/// <c>key_alias</c> (reference id <c>""</c>) like a module key, so no key-manager API caller reaches it. Listing loads
/// each row's certificate from the vault and the ROOT that issued it; creation runs under the store's per-pair lock and
/// asks the caller again inside it, so racing replicas make one key.
/// </summary>
public sealed class VaultHeldKeys
{
    private readonly KeyRing _ring;
    private readonly IKeyStore _store;
    private readonly IKeyVault _vault;

    /// <summary>Creates the helper; nothing is touched until first use.</summary>
    public VaultHeldKeys(KeyRing ring, IKeyStore store, IKeyVault vault)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(vault);
        _ring = ring;
        _store = store;
        _vault = vault;
    }

    /// <summary>Every key of <paramref name="applicationId"/> whose certificate the vault still holds, newest first.</summary>
    public async Task<IReadOnlyList<VaultHeldKey>> ListAsync(string applicationId, CancellationToken cancellationToken)
    {
        var aliases = await _store.GetAliasesAsync(applicationId, string.Empty, cancellationToken);
        var keys = new List<VaultHeldKey>(aliases.Count);
        foreach (var alias in aliases.Where(a => a.CertThumbprint is not null).OrderByDescending(a => a.GeneratedAt))
        {
            if (await LoadAsync(alias, cancellationToken) is { } certificate)
            {
                keys.Add(new VaultHeldKey(alias, certificate, await RootOfAsync(certificate, cancellationToken)));
            }
        }

        return keys;
    }

    /// <summary>
    /// Makes a new key of <paramref name="applicationId"/> unless <paramref name="satisfied"/> finds what the caller
    /// needs among the keys listed under the pair lock (another replica may have made it meanwhile). The key is
    /// generated in the vault as <paramref name="type"/> and its certificate is what <paramref name="layout"/> lays out
    /// for the current ROOT, issued by ROOT through <see cref="IKeyVault.IssueCertificate"/>.
    /// </summary>
    /// <returns>The key <paramref name="satisfied"/> accepted, or the new key.</returns>
    /// <exception cref="InvalidOperationException">ROOT is not available, or the new key does not load.</exception>
    public async Task<VaultHeldKey> CreateUnlessAsync(
        string applicationId,
        Func<IReadOnlyList<VaultHeldKey>, VaultHeldKey?> satisfied,
        VaultKeyType type,
        Func<PublicKey, X509Certificate2, CertificateToIssue> layout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(satisfied);
        ArgumentNullException.ThrowIfNull(layout);

        // ROOT is resolved before the pair lock is taken, so locks never nest.
        var root = await _ring.GetCurrentAsync(KeyIds.Root, string.Empty, cancellationToken);
        if (!root.IsSuccess)
        {
            throw new InvalidOperationException($"ROOT is not available to issue a key of {applicationId} ({root.Error.Code}).");
        }

        string aliasId;
        await using (var scope = await _store.BeginWriteAsync(applicationId, string.Empty, cancellationToken))
        {
            if (satisfied(await ListAsync(applicationId, cancellationToken)) is { } existing)
            {
                return existing;
            }

            var rotation = (await scope.GetAliasesAsync(cancellationToken)).Count > 0;
            aliasId = Guid.NewGuid().ToString();
            var certificate = await _vault.CreateKeyPairAsync(
                aliasId,
                type,
                (publicKey, _) => _vault.IssueCertificate(root.Value.Alias.Id, layout(publicKey, root.Value.Certificate)),
                cancellationToken);
            try
            {
                var notBefore = certificate.NotBefore.ToUniversalTime();
                var uniqueValue = UniqueIdentifiers.GeneratedValue(applicationId, string.Empty, notBefore);
                await scope.InsertAliasAsync(
                    new KeyAlias(
                        aliasId,
                        applicationId,
                        string.Empty,
                        notBefore,
                        certificate.NotAfter.ToUniversalTime(),
                        certificate.GetCertHashString(HashAlgorithmName.SHA256),
                        UniqueIdentifiers.Compute($"{uniqueValue}_{aliasId}")),
                    cancellationToken);
                await scope.CommitAsync(cancellationToken);
            }
            catch
            {
                // No orphaned private keys: the vault key exists only if its row does.
                await _vault.DeleteAsync(aliasId, CancellationToken.None);
                throw;
            }

            AuditScope.KeyGenerated(aliasId, applicationId, string.Empty, rotation);
        }

        return (await ListAsync(applicationId, cancellationToken)).FirstOrDefault(k => k.Alias.Id == aliasId)
            ?? throw new InvalidOperationException($"The new key of {applicationId} was made but does not load.");
    }

    /// <summary>The vault's certificate of <paramref name="alias"/>, or null when the vault lost it or it is not the one the row names.</summary>
    private async Task<X509Certificate2?> LoadAsync(KeyAlias alias, CancellationToken cancellationToken)
    {
        var certificate = await _vault.GetCertificateAsync(alias.Id, cancellationToken);
        return certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), alias.CertThumbprint, StringComparison.OrdinalIgnoreCase)
            ? certificate
            : null;
    }

    /// <summary>The ROOT certificate that issued <paramref name="certificate"/> (after a ROOT rotation, an earlier ROOT).</summary>
    private async Task<X509Certificate2?> RootOfAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        foreach (var alias in (await _store.GetAliasesAsync(KeyIds.Root, string.Empty, cancellationToken)).Reverse())
        {
            var root = await _ring.LoadAsync(alias, KeyClass.Root, cancellationToken);
            if (root.IsSuccess && root.Value.Certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData) && IsSignedBy(certificate, root.Value.Certificate))
            {
                return root.Value.Certificate;
            }
        }

        return null;
    }

    private static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(issuer);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        return chain.Build(certificate);
    }
}
