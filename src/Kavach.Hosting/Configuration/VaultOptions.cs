namespace Kavach.Hosting.Configuration;

/// <summary>
/// Key vault settings: <c>Pkcs12</c> (default, a file in the data directory) or <c>Pkcs11</c> (an HSM or SoftHSM2,
/// configured under <see cref="Pkcs11"/>).
/// </summary>
public sealed class VaultOptions
{
    /// <summary><c>Pkcs12</c> or <c>Pkcs11</c> (<c>Kavach__Vault__Type</c>).</summary>
    public string Type { get; set; } = "Pkcs12";

    /// <summary>
    /// How often the server asks the vault whether it is still there (<c>Kavach__Vault__HealthCheckSeconds</c>, default
    /// 5); while it is not, cached private keys are not used. 0 turns the periodic check off (failing vault calls and
    /// <c>/health/ready</c> still close the gate).
    /// </summary>
    public int HealthCheckSeconds { get; set; } = 5;

    /// <summary>The PKCS#11 token (<c>Kavach__Vault__Pkcs11__*</c>); used when <see cref="Type"/> is <c>Pkcs11</c>.</summary>
    public Pkcs11Settings Pkcs11 { get; set; } = new();

    /// <summary>
    /// Where the PKCS#11 vault finds its module, token and user PIN. There is deliberately no setting for the PIN
    /// itself: configuration values end up on command lines, in process listings and in logs.
    /// </summary>
    public sealed class Pkcs11Settings
    {
        /// <summary>The PKCS#11 module (<c>Kavach__Vault__Pkcs11__Library</c>), e.g. <c>/usr/lib/softhsm/libsofthsm2.so</c>.</summary>
        public string? Library { get; set; }

        /// <summary>The token's label (<c>Kavach__Vault__Pkcs11__TokenLabel</c>).</summary>
        public string? TokenLabel { get; set; }

        /// <summary>A file holding the user PIN, mode 0600 or stricter (<c>Kavach__Vault__Pkcs11__PinFile</c>).</summary>
        public string? PinFile { get; set; }

        /// <summary>
        /// The name of an environment variable holding the user PIN (<c>Kavach__Vault__Pkcs11__PinEnvironmentVariable</c>,
        /// e.g. <c>KAVACH_PKCS11_PIN</c>); the alternative to <see cref="PinFile"/>.
        /// </summary>
        public string? PinEnvironmentVariable { get; set; }

        /// <summary>The most PKCS#11 sessions open at once (<c>Kavach__Vault__Pkcs11__MaxSessions</c>); default twice the processors, at least 4.</summary>
        public int? MaxSessions { get; set; }
    }
}
