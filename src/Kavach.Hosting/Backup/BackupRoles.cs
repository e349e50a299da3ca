namespace Kavach.Hosting.Backup;

/// <summary>The roles a file can have in a backup archive (restore puts each where the configuration expects it).</summary>
public static class BackupRoles
{
    /// <summary>The database snapshot (SQLite file or <c>pg_dump</c> custom-format dump of <c>keymgr</c>).</summary>
    public const string Database = "database";

    /// <summary>The PKCS#12 vault file.</summary>
    public const string Vault = "vault";

    /// <summary>The vault's password file.</summary>
    public const string VaultPassword = "vault-password";

    /// <summary>The token-ID salts (their loss changes every token ID).</summary>
    public const string TokenIdSalts = "tokenid-salts";

    /// <summary>The audit anchor file.</summary>
    public const string AuditAnchor = "audit-anchor";

    /// <summary>An operator-supplied TLS certificate file.</summary>
    public const string TlsCertificate = "tls-certificate";

    /// <summary>An operator-supplied TLS private key file.</summary>
    public const string TlsKey = "tls-key";

    internal static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Database, Vault, VaultPassword, TokenIdSalts, AuditAnchor, TlsCertificate, TlsKey,
    };
}
