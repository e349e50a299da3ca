using Kavach.Hosting.Security;

namespace Kavach.Server.Security.Authorization;

/// <summary>
/// The default role table. MOSIP's role sets (spec §1.6, §2.0) for the crypto, partner and identity endpoints; the
/// administrative operations (key generation, forced rotation, revocation, certificate and CA uploads, CRLs) need
/// <c>KEY_ADMIN</c> or <c>TRUST_ADMIN</c>, which the crypto-only roles of R1/R2 do not have. Rule names follow
/// MOSIP's <c>mosip.role.keymanager.&lt;name&gt;</c> scheme: the method and the path segments, lower case.
/// </summary>
public static class DefaultAccessRules
{
    /// <summary>MOSIP's R1: the roles allowed on most key-manager endpoints.</summary>
    public const string R1 = $"{KnownRoles.ZonalAdmin},{KnownRoles.GlobalAdmin},{KnownRoles.Individual},{KnownRoles.IdAuthentication},{KnownRoles.Test},{KnownRoles.RegistrationAdmin},{KnownRoles.RegistrationSupervisor},{KnownRoles.RegistrationOfficer},{KnownRoles.RegistrationProcessor},{KnownRoles.PreRegistrationAdmin},{KnownRoles.Resident}";

    /// <summary>The default role sets, referenced from rules as <c>@NAME</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> RoleSets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["R1"] = R1,
        ["R2"] = $"@R1,{KnownRoles.CredentialIssuance}",
        ["PMS4"] = $"{KnownRoles.ZonalAdmin},{KnownRoles.GlobalAdmin},{KnownRoles.PmsAdmin},{KnownRoles.PmsUser}",
        ["KEY_ADMIN"] = $"{KnownRoles.KeyManagerAdmin},{KnownRoles.GlobalAdmin}",
        ["TRUST_ADMIN"] = $"{KnownRoles.KeyManagerAdmin},{KnownRoles.GlobalAdmin},{KnownRoles.PmsAdmin}",
        ["PARTNER"] = KnownRoles.Partner,
        ["TOKEN_ID"] = $"{KnownRoles.ZonalAdmin},{KnownRoles.GlobalAdmin},{KnownRoles.IdAuthentication},{KnownRoles.Resident}",
        ["MIGRATION"] = KnownRoles.KeyMigrationAdmin,
        ["METRICS"] = $"{KnownRoles.MetricsReader},{KnownRoles.KeyManagerAdmin},{KnownRoles.GlobalAdmin}",
        ["PARTNER_CHANNEL_ADMIN"] = $"{KnownRoles.PartnerAdmin},{KnownRoles.PmsAdmin},{KnownRoles.KeyManagerAdmin}",
        ["VIEWER"] = $"{KnownRoles.KeyManagerViewer},@KEY_ADMIN,@TRUST_ADMIN",
        ["AUDIT_READ"] = $"@KEY_ADMIN,{KnownRoles.KeyManagerViewer},{KnownRoles.Auditor}",
    };

    /// <summary>The default rules by name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Rules = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        // Key management: reading certificates is R1 (partners by mTLS too); changing keys is administrative.
        ["getgetcertificate"] = "@R1,@PARTNER",
        ["getgetallcertificates"] = "@R1",
        ["getgetcertificatechain"] = "@R1,@PARTNER",
        ["postgeneratemasterkeyobjecttype"] = "@KEY_ADMIN",
        ["postgenerateecsignkeyobjecttype"] = "@KEY_ADMIN",
        ["postgeneratecsr"] = "@KEY_ADMIN",
        ["postuploadcertificate"] = "@KEY_ADMIN",
        ["postuploadotherdomaincertificate"] = "@KEY_ADMIN",
        ["postgeneratesymmetrickey"] = "@KEY_ADMIN",
        ["putrevokekey"] = "@KEY_ADMIN",

        // Data protection.
        ["postencrypt"] = "@R1,@PARTNER",
        ["postdecrypt"] = "@R1",
        ["postencryptwithpin"] = "@R1",
        ["postdecryptwithpin"] = "@R1",
        ["postjwtencrypt"] = "@R1,@PARTNER",
        ["postjwtdecrypt"] = "@R1",
        ["postgenerateargon2hash"] = "@R1",

        // Signatures.
        ["postsign"] = "@R1",
        ["postvalidate"] = "@R1",
        ["postpdfsign"] = "@R1",
        ["postjwtsign"] = "@R1",
        ["postjwtsignv2"] = "@R1",
        ["postjwtverify"] = "@R1,@PARTNER",
        ["postjwtverifyv2"] = "@R1,@PARTNER",
        ["postjwssign"] = "@R2",
        ["postjwssignv2"] = "@R2",
        ["postsignv2"] = "@R2",
        ["postsignrawdata"] = "@R2",

        // Partner trust store.
        ["postuploadcacertificate"] = "@TRUST_ADMIN",
        ["postuploadcrl"] = "@TRUST_ADMIN",
        ["postuploadpartnercertificate"] = "@PMS4",
        ["getgetpartnercertificatepartnercertid"] = "@PMS4",
        ["postverifycertificatetrust"] = "@PMS4",
        ["getgetpartnersignedcertificatepartnercertid"] = $"@PMS4,{KnownRoles.PartnerAdmin}",
        ["postgetcacertificates"] = KnownRoles.PartnerAdmin,
        ["getgetcacertificatetrustpathcacertid"] = KnownRoles.PartnerAdmin,

        // Partner onboarding (partner channel): administrators write; a gateway reads one partner.
        ["postpartnersonboard"] = "@PARTNER_CHANNEL_ADMIN",
        ["postpartnerspartneridrenew"] = "@PARTNER_CHANNEL_ADMIN",
        ["postpartnerspartneridrevoke"] = "@PARTNER_CHANNEL_ADMIN",
        ["getpartners"] = "@PARTNER_CHANNEL_ADMIN",
        ["getpartnerspartnerid"] = $"@PARTNER_CHANNEL_ADMIN,{KnownRoles.PartnerGateway}",

        // Zero-knowledge encryption, token IDs, client crypto.
        ["postzkencrypt"] = "@R1",
        ["postzkdecrypt"] = "@R1",
        ["postzkreencryptrandomkey"] = "@R1",
        ["gettokeniduinpartnercode"] = "@TOKEN_ID",
        ["postcssign"] = "@R1",
        ["postcsverifysign"] = "@R1",
        ["posttpmencrypt"] = "@R1",
        ["posttpmdecrypt"] = "@R1",
        ["posttpmsigningpublickey"] = "@R1",
        ["posttpmencryptionpublickey"] = "@R1",

        // Operator console (read only): who the caller is, the key inventory and its use, who may do what, the trust
        // store; the audit trail for auditors too. Any authenticated caller may ask who it is.
        ["getsession"] = "*",
        ["getkeysgroups"] = "@VIEWER",
        ["getkeys"] = "@VIEWER",
        ["getkeysusage"] = "@VIEWER",
        ["getaccess"] = "@VIEWER",
        ["gettrustcertificates"] = "@VIEWER",
        ["gettrustcrls"] = "@VIEWER",
        ["getauditrecords"] = "@AUDIT_READ",
        ["postauditverify"] = "@AUDIT_READ",
        ["getauditexport"] = "@AUDIT_READ",

        // Not an endpoint rule: who is told the reasons behind /health/ready (anyone may ask whether it is UP).
        ["gethealthready"] = "@KEY_ADMIN",

        // The Prometheus scrape endpoint (/metrics): a monitoring system's token with METRICS_READER, or an administrator.
        ["getmetrics"] = "@METRICS",

        // MOSIP endpoints Kavach does not serve yet keep MOSIP's roles, so they are safe the day they are added.
        ["postlicensegenerate"] = "@R1",
        ["postlicensepermission"] = "*",
        ["getlicensepermission"] = "*",
        ["postmigratebasekey"] = "@MIGRATION",
        ["getgetzktempcertificate"] = "@MIGRATION",
        ["postmigratezkkeys"] = "@MIGRATION",
    };
}
