namespace Kavach.Server.Tests.Security.Support;

/// <summary>
/// The role table the README documents, written out independently of the server's defaults: the authorisation matrix
/// checks the server against this, so a change to one without the other fails.
/// </summary>
public static class ExpectedRoles
{
    public static readonly string[] R1 =
    [
        "ZONAL_ADMIN", "GLOBAL_ADMIN", "INDIVIDUAL", "ID_AUTHENTICATION", "TEST", "REGISTRATION_ADMIN", "REGISTRATION_SUPERVISOR",
        "REGISTRATION_OFFICER", "REGISTRATION_PROCESSOR", "PRE_REGISTRATION_ADMIN", "RESIDENT",
    ];

    public static readonly string[] R2 = [.. R1, "CREDENTIAL_ISSUANCE"];
    public static readonly string[] Pms4 = ["ZONAL_ADMIN", "GLOBAL_ADMIN", "PMS_ADMIN", "PMS_USER"];
    public static readonly string[] KeyAdmin = ["KEY_MANAGER_ADMIN", "GLOBAL_ADMIN"];
    public static readonly string[] TrustAdmin = ["KEY_MANAGER_ADMIN", "GLOBAL_ADMIN", "PMS_ADMIN"];
    public static readonly string[] Partner = ["PARTNER"];
    public static readonly string[] PartnerChannelAdmin = ["PARTNER_ADMIN", "PMS_ADMIN", "KEY_MANAGER_ADMIN"];
    public static readonly string[] Viewer = ["KEYMANAGER_VIEWER", .. KeyAdmin, .. TrustAdmin];
    public static readonly string[] AuditRead = [.. KeyAdmin, "KEYMANAGER_VIEWER", "AUDITOR"];

    /// <summary>The endpoints every authenticated caller may call (rule <c>*</c>), whatever its roles.</summary>
    public static readonly IReadOnlySet<string> AnyAuthenticated = new HashSet<string>(StringComparer.Ordinal) { "GET /session" };

    /// <summary>"METHOD /route" → the roles allowed.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ByEndpoint = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["GET /getCertificate"] = [.. R1, .. Partner],
        ["GET /getAllCertificates"] = R1,
        ["GET /getCertificateChain"] = [.. R1, .. Partner],
        ["POST /generateMasterKey/{objectType}"] = KeyAdmin,
        ["POST /generateECSignKey/{objectType}"] = KeyAdmin,
        ["POST /generateCSR"] = KeyAdmin,
        ["POST /uploadCertificate"] = KeyAdmin,
        ["POST /uploadOtherDomainCertificate"] = KeyAdmin,
        ["POST /generateSymmetricKey"] = KeyAdmin,
        ["PUT /revokeKey"] = KeyAdmin,
        ["POST /encrypt"] = [.. R1, .. Partner],
        ["POST /decrypt"] = R1,
        ["POST /encryptWithPin"] = R1,
        ["POST /decryptWithPin"] = R1,
        ["POST /jwtEncrypt"] = [.. R1, .. Partner],
        ["POST /jwtDecrypt"] = R1,
        ["POST /generateArgon2Hash"] = R1,
        ["POST /sign"] = R1,
        ["POST /validate"] = R1,
        ["POST /jwtSign"] = R1,
        ["POST /jwtSign/v2"] = R1,
        ["POST /jwtVerify"] = [.. R1, .. Partner],
        ["POST /jwtVerify/v2"] = [.. R1, .. Partner],
        ["POST /jwsSign"] = R2,
        ["POST /jwsSign/v2"] = R2,
        ["POST /signV2"] = R2,
        ["POST /signRawData"] = R2,
        ["POST /uploadCACertificate"] = TrustAdmin,
        ["POST /uploadCRL"] = TrustAdmin,
        ["POST /uploadPartnerCertificate"] = Pms4,
        ["GET /getPartnerCertificate/{partnerCertId}"] = Pms4,
        ["POST /verifyCertificateTrust"] = Pms4,
        ["GET /getPartnerSignedCertificate/{partnerCertId}"] = [.. Pms4, "PARTNER_ADMIN"],
        ["POST /getCaCertificates"] = ["PARTNER_ADMIN"],
        ["GET /getCACertificateTrustPath/{caCertId}"] = ["PARTNER_ADMIN"],
        ["POST /partners/onboard"] = PartnerChannelAdmin,
        ["POST /partners/{partnerId}/renew"] = PartnerChannelAdmin,
        ["POST /partners/{partnerId}/revoke"] = PartnerChannelAdmin,
        ["GET /partners"] = PartnerChannelAdmin,
        ["GET /partners/{partnerId}"] = [.. PartnerChannelAdmin, "PARTNER_GATEWAY"],
        ["POST /zkEncrypt"] = R1,
        ["POST /zkDecrypt"] = R1,
        ["POST /zkReEncryptRandomKey"] = R1,
        ["GET /tokenid/{uin}/{partnercode}"] = ["ZONAL_ADMIN", "GLOBAL_ADMIN", "ID_AUTHENTICATION", "RESIDENT"],
        ["POST /cssign"] = R1,
        ["POST /csverifysign"] = R1,
        ["POST /tpmencrypt"] = R1,
        ["POST /tpmdecrypt"] = R1,
        ["POST /tpmsigning/publickey"] = R1,
        ["POST /tpmencryption/publickey"] = R1,
        ["POST /migrateBaseKey"] = ["KEY_MIGRATION_ADMIN"],
        ["GET /getZKTempCertificate"] = ["KEY_MIGRATION_ADMIN"],
        ["POST /migrateZKKeys"] = ["KEY_MIGRATION_ADMIN"],
        ["GET /session"] = [],
        ["GET /access"] = Viewer,
        ["GET /keys/groups"] = Viewer,
        ["GET /keys"] = Viewer,
        ["GET /keys/usage"] = Viewer,
        ["GET /trust/certificates"] = Viewer,
        ["GET /trust/crls"] = Viewer,
        ["GET /audit/records"] = AuditRead,
        ["POST /audit/verify"] = AuditRead,
        ["GET /audit/export"] = AuditRead,
    };

    /// <summary>The role sets the matrix tries: one role each (every role named above), none, and an unknown role.</summary>
    public static IReadOnlyList<string[]> RoleSets() =>
        ByEndpoint.Values.SelectMany(r => r).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(role => new[] { role })
            .Append([])
            .Append(["KEY_MIGRATION_ADMIN"])
            .Append(["NOT_A_ROLE"])
            .Append(["global_admin"])
            .ToList();
}
