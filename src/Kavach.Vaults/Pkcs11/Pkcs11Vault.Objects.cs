using System.Security.Cryptography.X509Certificates;
using Kavach.Vaults.Pkcs11;
using Kavach.Keys.Vault;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.Vaults;

/// <content>Creating, reading and deleting token objects: key pairs with their certificates, secret keys.</content>
public sealed partial class Pkcs11Vault
{
    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The alias is taken, or the issuer returned a certificate for another key.</exception>
    /// <exception cref="NotSupportedException">The token cannot make this key type (e.g. no secp256k1).</exception>
    /// <exception cref="KeyVaultUnavailableException">The token or library failed.</exception>
    public async Task<X509Certificate2> CreateKeyPairAsync(string alias, VaultKeyType type, CertificateIssuer issue, CancellationToken cancellationToken)
    {
        ValidateNewAlias(alias);
        ArgumentNullException.ThrowIfNull(issue);
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown key type.");
        }

        // Generation takes from milliseconds (EC) to seconds (RSA on a busy HSM): not on the caller's thread. The lease
        // stays on the pool thread that took it (the library gate is thread-affine).
        var publicKey = await Task.Run(() => GenerateKeyPair(alias, type), cancellationToken);
        X509Certificate2 certificate;
        try
        {
            // The issuer signs with the new key through this vault, so no session or gate is held while it runs.
            certificate = issue(publicKey, new TokenSignatureGenerator((data, algorithm) => SignAny(alias, data, algorithm), publicKey))
                ?? throw new InvalidOperationException("The certificate issuer returned no certificate.");
            if (!certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(publicKey.ExportSubjectPublicKeyInfo()))
            {
                throw new InvalidOperationException("The certificate issuer returned a certificate for another public key.");
            }

            StoreCertificate(alias, certificate);
        }
        catch
        {
            RemoveQuietly(alias);
            throw;
        }

        return X509CertificateLoader.LoadCertificate(certificate.RawData);
    }

    /// <inheritdoc />
    /// <exception cref="VaultKeyNotFoundException">No key pair under <paramref name="alias"/>.</exception>
    /// <exception cref="ArgumentException">The certificate's public key is not the key pair's, or the alias holds a secret key.</exception>
    public Task ReplaceCertificateAsync(string alias, X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alias);
        ArgumentNullException.ThrowIfNull(certificate);
        return Run(
            () =>
            {
                using var lease = Lease();
                try
                {
                    ReplaceCertificate(lease, alias, certificate);
                    return true;
                }
                catch (Pkcs11Exception e)
                {
                    throw Fail(lease.Connection, e, "C_CreateObject", alias, lease);
                }
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<X509Certificate2?> GetCertificateAsync(string alias, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alias);
        return Run(
            () =>
            {
                using var lease = Lease();
                try
                {
                    var handles = TokenObjects.FindCertificates(lease.Session, alias);
                    if (handles.Count == 0)
                    {
                        lease.Connection.CheckHealth();
                        return null;
                    }

                    return (X509Certificate2?)TokenObjects.ReadCertificate(lease.Session, handles[0]);
                }
                catch (Pkcs11Exception e)
                {
                    throw Fail(lease.Connection, e, "C_FindObjects", alias, lease);
                }
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The alias is taken.</exception>
    public Task CreateSecretKeyAsync(string alias, CancellationToken cancellationToken)
    {
        ValidateNewAlias(alias);
        return Run(
            () =>
            {
                using var lease = Lease();
                try
                {
                    EnsureAbsent(lease, alias);
                    using var template = TokenTemplates.SecretKey(alias);
                    lease.Session.GenerateKey(TokenMechanisms.AesKeyGen, template.Attributes);
                    return true;
                }
                catch (Pkcs11Exception e)
                {
                    throw Fail(lease.Connection, e, "C_GenerateKey", alias, lease);
                }
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ContainsAsync(string alias, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alias);
        return Run(
            () =>
            {
                using var lease = Lease();
                try
                {
                    if (lease.Connection.TryGetKey(alias, out _) || Exists(lease, alias))
                    {
                        return true;
                    }

                    // A failing token answers every search with nothing; "absent" would make callers generate a new ROOT.
                    lease.Connection.CheckHealth();
                    return false;
                }
                catch (Pkcs11Exception e)
                {
                    throw Fail(lease.Connection, e, "C_FindObjects", alias, lease);
                }
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string alias, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alias);
        return Run(
            () =>
            {
                using var lease = Lease();
                try
                {
                    lease.Connection.ForgetKey(alias);
                    TokenObjects.DestroyAll(lease.Session, alias);
                    lease.Connection.ForgetKey(alias);
                    _issuing.TryRemove(alias, out _);
                    return true;
                }
                catch (Pkcs11Exception e)
                {
                    throw Fail(lease.Connection, e, "C_DestroyObject", alias, lease);
                }
            },
            cancellationToken);
    }

    private static Task<T> Run<T>(Func<T> body, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return Task.FromResult(body());
        }
#pragma warning disable CA1031 // every failure belongs in the returned task, as an async method would put it
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Task.FromException<T>(e);
        }
    }

    private static void ValidateNewAlias(string alias)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        if (alias.Any(char.IsControl))
        {
            throw new ArgumentException("A vault alias holds no control characters.", nameof(alias));
        }
    }

    private static bool Exists(TokenLease lease, string alias)
    {
        using var pair = TokenTemplates.ById(CKO.CKO_PRIVATE_KEY, alias);
        if (lease.Session.Find(pair, 1).Count > 0)
        {
            return true;
        }

        using var secret = TokenTemplates.ByLabel(CKO.CKO_SECRET_KEY, alias);
        return lease.Session.Find(secret, 1).Count > 0;
    }

    private static void EnsureAbsent(TokenLease lease, string alias)
    {
        if (lease.Connection.TryGetKey(alias, out _) || Exists(lease, alias))
        {
            throw new InvalidOperationException($"The key vault already holds a key with alias '{alias}'.");
        }
    }

    private static void ReplaceCertificate(TokenLease lease, string alias, X509Certificate2 certificate)
    {
        var session = lease.Session;
        _ = FindKey(lease, alias, pair: true);
        var existing = TokenObjects.FindCertificates(session, alias);
        var old = existing.Select(handle => TokenObjects.ReadCertificate(session, handle)).ToList();
        byte[] expected;
        if (old.Count > 0)
        {
            expected = old[0].PublicKey.ExportSubjectPublicKeyInfo();
        }
        else if (TokenObjects.FindPublicKey(session, alias) is { } publicHandle)
        {
            expected = TokenPublicKeys.Read(session, publicHandle).ExportSubjectPublicKeyInfo();
        }
        else
        {
            throw new InvalidOperationException($"The key pair '{alias}' has neither a certificate nor a public key object to compare with.");
        }

        if (!certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(expected))
        {
            throw new ArgumentException($"The certificate's public key is not the public key of '{alias}'.", nameof(certificate));
        }

        // A key's usage is fixed when it is made: no certificate swap turns a data-signing key into an issuer or back.
        if (old.Count > 0 && KeyUsageRules.CanIssue(old[0]) != KeyUsageRules.CanIssue(certificate))
        {
            throw new KeyUsageException(alias, $"The new certificate of '{alias}' would change whether the key issues certificates.");
        }

        // As Java's keystore does: the old certificate goes, then the new one is written; if writing fails, the old
        // one is put back, so the alias never ends up without a certificate because of us.
        foreach (var handle in existing)
        {
            session.DestroyObject(handle);
        }

        try
        {
            using var template = TokenTemplates.Certificate(alias, certificate);
            session.CreateObject(template.Attributes);
        }
        catch (Pkcs11Exception)
        {
            foreach (var previous in old)
            {
                using var restore = TokenTemplates.Certificate(alias, previous);
                session.CreateObject(restore.Attributes);
            }

            throw;
        }
    }

    private PublicKey GenerateKeyPair(string alias, VaultKeyType type)
    {
        using var lease = Lease();
        try
        {
            EnsureAbsent(lease, alias);
            var (mechanism, publicTemplate, privateTemplate) = TokenTemplates.KeyPair(alias, type);
            using (publicTemplate)
            using (privateTemplate)
            {
                lease.Session.GenerateKeyPair(mechanism, publicTemplate.Attributes, privateTemplate.Attributes, out var publicHandle, out _);
                try
                {
                    return TokenPublicKeys.Read(lease.Session, publicHandle);
                }
                catch
                {
                    TokenObjects.DestroyAll(lease.Session, alias);
                    throw;
                }
            }
        }
        catch (Pkcs11Exception e)
        {
            throw Fail(lease.Connection, e, type is VaultKeyType.Rsa2048 or VaultKeyType.Rsa3072 ? "RSA key generation" : $"{EcCurves.For(type).Name} key generation", alias, lease);
        }
    }

    private void StoreCertificate(string alias, X509Certificate2 certificate)
    {
        using var lease = Lease();
        try
        {
            using var template = TokenTemplates.Certificate(alias, certificate);
            lease.Session.CreateObject(template.Attributes);
        }
        catch (Pkcs11Exception e)
        {
            throw Fail(lease.Connection, e, "C_CreateObject", alias, lease);
        }
    }

    /// <summary>Removes what a failed creation left; a token that is down now keeps an orphan key that nothing refers to.</summary>
    private void RemoveQuietly(string alias)
    {
        try
        {
            using var lease = Lease();
            try
            {
                lease.Connection.ForgetKey(alias);
                TokenObjects.DestroyAll(lease.Session, alias);
                lease.Connection.ForgetKey(alias);
            }
            catch (Pkcs11Exception e)
            {
                throw Fail(lease.Connection, e, "C_DestroyObject", alias, lease);
            }
        }
        catch (Exception e) when (e is KeyVaultUnavailableException or InvalidOperationException or NotSupportedException or ObjectDisposedException)
        {
            Pkcs11Log.CleanupFailed(_logger, alias, e.Message);
        }
    }
}
