using Kavach.Hosting.Configuration;
using Kavach.Hosting.Files;
using Kavach.Hosting.Security.Bindings;
using Kavach.Keys.Audit;
using Kavach.Keys.Composition;
using Kavach.Storage;
using Kavach.Vaults;

namespace Kavach.Hosting.Composition;

/// <summary>
/// Turns the <c>Kavach</c> section into what each library is built from. Every refusal is a
/// <see cref="KavachConfigurationException"/> naming the setting, so the start stops with one line.
/// </summary>
public static class KavachSettings
{
    /// <summary>The SQLite database in the data directory when no connection string is configured.</summary>
    public const string SqliteFileName = "kavach.db";

    /// <summary>The default audit anchor file in the data directory.</summary>
    public const string AuditAnchorFileName = "audit-anchor.log";

    /// <summary>The database.</summary>
    public static StoreOptions Store(KavachOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var database = options.Database;
        if (string.Equals(database.Provider, "PostgreSql", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(database.Provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(database.ConnectionString))
            {
                throw new KavachConfigurationException("Kavach:Database:ConnectionString", "required for the PostgreSql provider");
            }

            return new StoreOptions(StoreProvider.PostgreSql, database.ConnectionString);
        }

        if (!string.Equals(database.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new KavachConfigurationException("Kavach:Database:Provider", $"unknown provider '{database.Provider}'; use Sqlite or PostgreSql");
        }

        var connectionString = string.IsNullOrWhiteSpace(database.ConnectionString)
            ? $"Data Source={Path.Combine(options.DataDirectory, SqliteFileName)}"
            : database.ConnectionString;
        return new StoreOptions(StoreProvider.Sqlite, connectionString);
    }

    /// <summary>The key vault.</summary>
    public static KeyVaultSettings Vault(KavachOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.Equals(options.Vault.Type, "Pkcs12", StringComparison.OrdinalIgnoreCase))
        {
            return KeyVaultSettings.ForFile(new Pkcs12VaultOptions(options.DataDirectory));
        }

        if (!string.Equals(options.Vault.Type, "Pkcs11", StringComparison.OrdinalIgnoreCase))
        {
            throw new KavachConfigurationException("Kavach:Vault:Type", $"unknown vault type '{options.Vault.Type}'; use Pkcs12 or Pkcs11");
        }

        var settings = options.Vault.Pkcs11;
        if (string.IsNullOrWhiteSpace(settings.Library))
        {
            throw new KavachConfigurationException("Kavach:Vault:Pkcs11:Library", "required for the Pkcs11 vault");
        }

        if (string.IsNullOrWhiteSpace(settings.TokenLabel))
        {
            throw new KavachConfigurationException("Kavach:Vault:Pkcs11:TokenLabel", "required for the Pkcs11 vault");
        }

        var pkcs11 = new Pkcs11VaultOptions(settings.Library, settings.TokenLabel)
        {
            PinFile = settings.PinFile,
            PinEnvironmentVariable = settings.PinEnvironmentVariable,
        };
        if (settings.MaxSessions is { } maxSessions)
        {
            pkcs11 = pkcs11 with { MaxSessions = maxSessions };
        }

        return KeyVaultSettings.ForPkcs11(pkcs11);
    }

    /// <summary>The key services.</summary>
    public static KeyServiceSettings Keys(KavachOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new KeyServiceSettings(
            options.KeyManager,
            options.ZeroKnowledge,
            ApplicationBindingTable.Build(options.Security.ApplicationBindings),
            options.Security.KeyCreation.ToLimits(),
            options.ClientCryptoApplicationId);
    }

    /// <summary>The audit trail's batching and timeouts.</summary>
    public static AuditTrailSettings Audit(KavachOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AuditTrailSettings
        {
            CheckpointEveryRecords = options.Audit.CheckpointEveryRecords,
            MaxBatch = Math.Max(1, options.Audit.MaxBatch),
            AppendTimeout = TimeSpan.FromSeconds(Math.Max(1, options.Audit.AppendTimeoutSeconds)),
        };
    }

    /// <summary>Where audit anchors are written (default <c>&lt;DataDir&gt;/audit-anchor.log</c>).</summary>
    public static string AuditAnchorFile(KavachOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.Audit.AnchorFile) ? Path.Combine(options.DataDirectory, AuditAnchorFileName) : options.Audit.AnchorFile;
    }
}
