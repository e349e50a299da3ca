using Kavach.Hosting.Composition;
using Kavach.Hosting.Configuration;
using Kavach.Hosting.Files;
using Kavach.Storage;
using Kavach.Vaults;

namespace Kavach.Hosting.Backup;

/// <summary>
/// Where each part of a backup lives under the configuration in force: the database, the vault and its password, the
/// token-ID salts, the audit anchor file and operator-supplied TLS files. Backup reads from these places and restore
/// writes to them.
/// </summary>
internal sealed record BackupPlan(string DataDirectory, StoreOptions Store, string VaultKind, KavachOptions Options)
{
    public const string Pkcs12 = "Pkcs12";

    public const string Pkcs11 = "Pkcs11";

    public const string HsmNote =
        "The vault is a PKCS#11 HSM: its keys (ROOT and module keys) are NOT in this backup. Back them up by the HSM's own means " +
        "(the vendor's backup, cloning or key-replication procedure). The database and the secrets are in this backup.";

    public bool IsFileVault => VaultKind == Pkcs12;

    /// <exception cref="KavachConfigurationException">The configuration names no usable store or vault.</exception>
    public static BackupPlan For(KavachOptions options)
    {
        var store = KavachSettings.Store(options);
        _ = KavachSettings.Vault(options);
        var vaultKind = string.Equals(options.Vault.Type, Pkcs11, StringComparison.OrdinalIgnoreCase) ? Pkcs11 : Pkcs12;
        return new BackupPlan(options.DataDirectory, store, vaultKind, options);
    }

    public bool SaltsFromConfiguration =>
        !string.IsNullOrEmpty(Options.TokenId.UinSalt) && !string.IsNullOrEmpty(Options.TokenId.PartnerCodeSalt);

    public string VaultFile => Path.Combine(DataDirectory, new Pkcs12VaultOptions(DataDirectory).FileName);

    public string VaultPasswordFile => Path.Combine(DataDirectory, new Pkcs12VaultOptions(DataDirectory).PasswordFileName);

    public string SaltsFile => Path.Combine(DataDirectory, TokenIdSalts.FileName);

    public string AnchorFile => Path.GetFullPath(KavachSettings.AuditAnchorFile(Options));

    /// <summary>Where restore puts a file of <paramref name="role"/> (null for the database, which has its own restore).</summary>
    public string? Destination(BackupFileEntry entry) => entry.Role switch
    {
        BackupRoles.Vault => VaultFile,
        BackupRoles.VaultPassword => VaultPasswordFile,
        BackupRoles.TokenIdSalts => SaltsFile,
        BackupRoles.AuditAnchor => AnchorFile,
        BackupRoles.TlsCertificate => Path.GetFullPath(Options.Tls.CertificatePath ?? Path.Combine(DataDirectory, entry.Name)),
        BackupRoles.TlsKey => Path.GetFullPath(Options.Tls.KeyPath ?? Path.Combine(DataDirectory, entry.Name)),
        _ => null,
    };
}
