namespace Kavach.Hosting.Security.Bindings;

/// <summary>
/// The default application bindings, from which MOSIP module uses which application id (spec §5.2, MOSIP keys K2–K22):
/// each module's role reaches its own application's keys and nothing else. Administrators reach none (seed 002: no one
/// admin has access to everything); they may create base keys, which is key management, not key use.
/// </summary>
public static class DefaultApplicationBindings
{
    /// <summary>Role → application ids whose keys it may use.</summary>
    public static readonly IReadOnlyDictionary<string, string> Roles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Registration processor decrypts the packets registration clients encrypt (REGISTRATION / CenterID_MachineID)
        // and its own data.
        [KnownRoles.RegistrationProcessor] = "REGISTRATION,REGISTRATION_PROCESSOR",

        // IDA: its own keys, and the ZK master (KERNEL / IDENTITY_CACHE) its identity cache is encrypted under.
        [KnownRoles.IdAuthentication] = "IDA,KERNEL",
        [KnownRoles.Resident] = "RESIDENT",
        [KnownRoles.PreRegistrationAdmin] = "PRE_REGISTRATION",

        // Credential issuance signs credentials with the KERNEL signing key (jwtSign without an application id).
        [KnownRoles.CredentialIssuance] = "KERNEL",

        // MOSIP's test rigs run with the TEST role against the TEST application their data adds.
        [KnownRoles.Test] = "TEST",
    };

    /// <summary>Role → application ids whose base keys it may create (getCertificate, generateCSR) without using them.</summary>
    public static readonly IReadOnlyDictionary<string, string> KeyCreationRoles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [KnownRoles.KeyManagerAdmin] = "*",
        [KnownRoles.GlobalAdmin] = "*",

        // Machine onboarding: the registration client's certificate (REGISTRATION / CenterID_MachineID) is made on first request.
        [KnownRoles.ZonalAdmin] = "REGISTRATION",
        [KnownRoles.RegistrationAdmin] = "REGISTRATION",
    };
}
