using System.Collections.Frozen;
using Kavach.Hosting.Configuration;

namespace Kavach.Hosting.Security;

/// <summary>
/// The role names Kavach's default role table and application bindings use (MOSIP's realm roles plus Kavach's
/// administrative ones, and the device server's). The server's table is written with these constants, so a host that checks a role name (the
/// CLI's <c>token issue</c>) and the server that enforces it agree; roles an operator adds in configuration count too
/// (<see cref="InForce"/>).
/// </summary>
public static class KnownRoles
{
    /// <summary>MOSIP's global administrator.</summary>
    public const string GlobalAdmin = "GLOBAL_ADMIN";

    /// <summary>MOSIP's zonal administrator.</summary>
    public const string ZonalAdmin = "ZONAL_ADMIN";

    /// <summary>A resident acting for themselves.</summary>
    public const string Individual = "INDIVIDUAL";

    /// <summary>ID authentication (IDA).</summary>
    public const string IdAuthentication = "ID_AUTHENTICATION";

    /// <summary>MOSIP's test rigs.</summary>
    public const string Test = "TEST";

    /// <summary>Registration administrator.</summary>
    public const string RegistrationAdmin = "REGISTRATION_ADMIN";

    /// <summary>Registration supervisor.</summary>
    public const string RegistrationSupervisor = "REGISTRATION_SUPERVISOR";

    /// <summary>Registration officer.</summary>
    public const string RegistrationOfficer = "REGISTRATION_OFFICER";

    /// <summary>The registration processor.</summary>
    public const string RegistrationProcessor = "REGISTRATION_PROCESSOR";

    /// <summary>Pre-registration administrator.</summary>
    public const string PreRegistrationAdmin = "PRE_REGISTRATION_ADMIN";

    /// <summary>The resident service.</summary>
    public const string Resident = "RESIDENT";

    /// <summary>Credential issuance.</summary>
    public const string CredentialIssuance = "CREDENTIAL_ISSUANCE";

    /// <summary>Partner management administrator.</summary>
    public const string PmsAdmin = "PMS_ADMIN";

    /// <summary>Partner management user.</summary>
    public const string PmsUser = "PMS_USER";

    /// <summary>Kavach's key administrator (key generation, rotation, revocation, uploads).</summary>
    public const string KeyManagerAdmin = "KEY_MANAGER_ADMIN";

    /// <summary>A partner (usually authenticated by mutual TLS).</summary>
    public const string Partner = "PARTNER";

    /// <summary>Partner administrator (CA certificates and trust paths).</summary>
    public const string PartnerAdmin = "PARTNER_ADMIN";

    /// <summary>MOSIP's key migration administrator.</summary>
    public const string KeyMigrationAdmin = "KEY_MIGRATION_ADMIN";

    /// <summary>A partner-channel gateway or protected service: reads onboarded partners (<c>GET /partners/{id}</c>).</summary>
    public const string PartnerGateway = "PARTNER_GATEWAY";

    /// <summary>A metrics scraper (Prometheus): reads <c>/metrics</c> and nothing else.</summary>
    public const string MetricsReader = "METRICS_READER";

    /// <summary>Read-only operator console user: keys, usage, access map, trust store and audit, no change.</summary>
    public const string KeyManagerViewer = "KEYMANAGER_VIEWER";

    /// <summary>Auditor: reads, verifies and exports the audit trail, nothing else.</summary>
    public const string Auditor = "AUDITOR";

    /// <summary>Device administrator: providers, models, whitelist imports, commands, de-registration and release requests (device server).</summary>
    public const string DeviceAdmin = "DEVICE_ADMIN";

    /// <summary>Device approver: the second pair of eyes on whitelist batches, de-registrations and rollouts (device server).</summary>
    public const string DeviceApprover = "DEVICE_APPROVER";

    /// <summary>Read-only view of the device registry, approvals and releases (device server).</summary>
    public const string DeviceViewer = "DEVICE_VIEWER";

    /// <summary>Every role of the default table, in the order above.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        GlobalAdmin, ZonalAdmin, Individual, IdAuthentication, Test, RegistrationAdmin, RegistrationSupervisor,
        RegistrationOfficer, RegistrationProcessor, PreRegistrationAdmin, Resident, CredentialIssuance, PmsAdmin, PmsUser,
        KeyManagerAdmin, Partner, PartnerAdmin, KeyMigrationAdmin, MetricsReader, PartnerGateway, KeyManagerViewer, Auditor,
    ];

    /// <summary>The device server's roles (docs/devices/server.md); the key manager's table does not use them.</summary>
    public static readonly IReadOnlyList<string> Device = [DeviceAdmin, DeviceApprover, DeviceViewer];

    /// <summary>
    /// The roles a token may usefully carry under <paramref name="security"/>: <see cref="All"/>, the roles named in
    /// configured role sets and rules (<c>Kavach:Security:Authorization</c>), the configured application bindings and
    /// the admin token's roles. Compared exactly, as the server compares them.
    /// </summary>
    public static FrozenSet<string> InForce(SecurityOptions security)
    {
        ArgumentNullException.ThrowIfNull(security);
        var roles = new HashSet<string>(All.Concat(Device), StringComparer.Ordinal);
        foreach (var value in security.Authorization.RoleSets.Values.Concat(security.Authorization.Rules.Values))
        {
            roles.UnionWith(Names(value));
        }

        roles.UnionWith(security.ApplicationBindings.Roles.Keys);
        roles.UnionWith(security.ApplicationBindings.KeyCreationRoles.Keys);
        roles.UnionWith(security.LocalIssuer.EffectiveAdminRoles);
        return roles.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The role names in a rule value: entries that are neither <c>@SET</c> references nor <c>*</c>.</summary>
    public static IEnumerable<string> Names(string ruleValue)
    {
        ArgumentNullException.ThrowIfNull(ruleValue);
        return ruleValue.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(entry => entry != "*" && !entry.StartsWith('@'));
    }
}
