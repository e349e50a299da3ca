using System.Collections.Frozen;
using Microsoft.AspNetCore.Routing;

namespace Kavach.Server.Audit;

/// <summary>
/// The audit operation of every endpoint under <c>/v1/keymanager</c>, by route pattern. Key lifecycle and
/// private-key endpoints are recorded always; the others when denied. An endpoint missing here is recorded as
/// <c>api:&lt;pattern&gt;</c> when denied (so a new endpoint is never silently unaudited for denials).
/// </summary>
public static class AuditOperationCatalog
{
    private static readonly FrozenDictionary<string, AuditOperation> Operations = new Dictionary<string, AuditOperation>(StringComparer.OrdinalIgnoreCase)
    {
        // Key lifecycle.
        ["/generateMasterKey/{objectType}"] = new("key.generate.master", AuditKind.Lifecycle),
        ["/generateECSignKey/{objectType}"] = new("key.generate.ecsign", AuditKind.Lifecycle),
        ["/generateSymmetricKey"] = new("key.generate.symmetric", AuditKind.Lifecycle),
        ["/uploadCertificate"] = new("key.upload.certificate", AuditKind.Lifecycle),
        ["/uploadOtherDomainCertificate"] = new("key.upload.other-domain", AuditKind.Lifecycle),
        ["/revokeKey"] = new("key.revoke", AuditKind.Lifecycle),
        ["/uploadCACertificate"] = new("trust.upload.ca", AuditKind.Lifecycle),
        ["/uploadPartnerCertificate"] = new("trust.upload.partner", AuditKind.Lifecycle),
        ["/uploadCRL"] = new("trust.upload.crl", AuditKind.Lifecycle),
        ["/partners/onboard"] = new("partner.onboard", AuditKind.Lifecycle),
        ["/partners/{partnerId}/renew"] = new("partner.renew", AuditKind.Lifecycle),
        ["/partners/{partnerId}/revoke"] = new("partner.revoke", AuditKind.Lifecycle),
        ["/migrateBaseKey"] = new("key.migrate.base", AuditKind.Lifecycle),
        ["/getZKTempCertificate"] = new("key.migrate.zk-temp-certificate", AuditKind.Lifecycle),
        ["/migrateZKKeys"] = new("key.migrate.zk", AuditKind.Lifecycle),

        // Private-key use.
        ["/generateCSR"] = new("key.csr", AuditKind.KeyUse),
        ["/decrypt"] = new("crypto.decrypt", AuditKind.KeyUse),
        ["/jwtDecrypt"] = new("crypto.jwe-decrypt", AuditKind.KeyUse),
        ["/decryptWithPin"] = new("crypto.pin-decrypt", AuditKind.KeyUse),
        ["/zkEncrypt"] = new("zk.encrypt", AuditKind.KeyUse),
        ["/zkDecrypt"] = new("zk.decrypt", AuditKind.KeyUse),
        ["/zkReEncryptRandomKey"] = new("zk.re-encrypt", AuditKind.KeyUse),
        ["/jwtSign"] = new("sign.jwt", AuditKind.KeyUse),
        ["/jwtSign/v2"] = new("sign.jwt.v2", AuditKind.KeyUse),
        ["/jwsSign"] = new("sign.jws", AuditKind.KeyUse),
        ["/jwsSign/v2"] = new("sign.jws.v2", AuditKind.KeyUse),
        ["/signV2"] = new("sign.raw.v2", AuditKind.KeyUse),
        ["/signRawData"] = new("sign.raw", AuditKind.KeyUse),
        ["/sign"] = new("sign.legacy", AuditKind.KeyUse),
        ["/cssign"] = new("clientcrypto.sign", AuditKind.KeyUse),
        ["/tpmdecrypt"] = new("clientcrypto.decrypt", AuditKind.KeyUse),

        // Recorded when denied.
        ["/getCertificate"] = new("key.get-certificate", AuditKind.None),
        ["/partners"] = new("partner.list", AuditKind.None),
        ["/partners/{partnerId}"] = new("partner.get", AuditKind.None),
        ["/getAllCertificates"] = new("key.get-all-certificates", AuditKind.None),
        ["/getCertificateChain"] = new("key.get-certificate-chain", AuditKind.None),
        ["/encrypt"] = new("crypto.encrypt", AuditKind.None),
        ["/jwtEncrypt"] = new("crypto.jwe-encrypt", AuditKind.None),
        ["/encryptWithPin"] = new("crypto.pin-encrypt", AuditKind.None),
        ["/generateArgon2Hash"] = new("crypto.argon2", AuditKind.None),
        ["/jwtVerify"] = new("verify.jwt", AuditKind.None),
        ["/jwtVerify/v2"] = new("verify.jwt.v2", AuditKind.None),
        ["/validate"] = new("verify.legacy", AuditKind.None),
        ["/csverifysign"] = new("clientcrypto.verify", AuditKind.None),
        ["/tpmencrypt"] = new("clientcrypto.encrypt", AuditKind.None),
        ["/tpmsigning/publickey"] = new("clientcrypto.signing-key", AuditKind.None),
        ["/tpmencryption/publickey"] = new("clientcrypto.encryption-key", AuditKind.None),
        ["/tokenid/{uin}/{partnercode}"] = new("tokenid.generate", AuditKind.None),
        ["/getPartnerCertificate/{partnerCertId}"] = new("trust.get-partner", AuditKind.None),
        ["/getPartnerSignedCertificate/{partnerCertId}"] = new("trust.get-partner-signed", AuditKind.None),
        ["/verifyCertificateTrust"] = new("trust.verify", AuditKind.None),
        ["/getCaCertificates"] = new("trust.list-ca", AuditKind.None),
        ["/getCACertificateTrustPath/{caCertId}"] = new("trust.ca-path", AuditKind.None),

        // The operator console's reads.
        ["/session"] = new("console.session", AuditKind.None),
        ["/access"] = new("console.access", AuditKind.None),
        ["/keys/groups"] = new("console.key-groups", AuditKind.None),
        ["/keys"] = new("console.keys", AuditKind.None),
        ["/keys/usage"] = new("console.key-usage", AuditKind.None),
        ["/audit/records"] = new("audit.read", AuditKind.None),
        ["/audit/verify"] = new("audit.verify", AuditKind.None),
        ["/audit/export"] = new("audit.export", AuditKind.None),
        ["/trust/certificates"] = new("trust.list-certificates", AuditKind.None),
        ["/trust/crls"] = new("trust.list-crls", AuditKind.None),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The operation of the request's endpoint (by its route pattern, never the raw path, which may hold a UIN).</summary>
    public static AuditOperation For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: { } pattern })
        {
            return new AuditOperation("api:unknown", AuditKind.None);
        }

        var relative = pattern.StartsWith(KavachServer.ApiBase, StringComparison.OrdinalIgnoreCase) ? pattern[KavachServer.ApiBase.Length..] : pattern;
        if (!relative.StartsWith('/'))
        {
            relative = "/" + relative;
        }

        return Operations.TryGetValue(relative, out var operation) ? operation : new AuditOperation("api:" + relative, AuditKind.None);
    }

    /// <summary>The operations recorded always (for docs and tests).</summary>
    public static IEnumerable<KeyValuePair<string, AuditOperation>> All => Operations;
}
