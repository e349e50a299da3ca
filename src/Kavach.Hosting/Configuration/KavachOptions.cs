using Kavach.Keys.Management;
using Kavach.Hosting.Files;

namespace Kavach.Hosting.Configuration;

/// <summary>The <c>Kavach</c> configuration section (environment: <c>Kavach__DataDir</c>, <c>Kavach__Database__Provider</c>, ...).</summary>
public sealed class KavachOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Kavach";

    /// <summary>
    /// Where the SQLite database, the vault and the admin token live. Default <c>data</c>. A relative path is taken
    /// from the current directory of the process, never from the content root (next to the binaries), so the server
    /// and the CLI started from the same directory share one data directory however they were started.
    /// </summary>
    public string DataDir { get; set; } = "data";

    /// <summary>The database.</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>The key vault.</summary>
    public VaultOptions Vault { get; set; } = new();

    /// <summary>Key manager settings.</summary>
    public KeyManagerOptions KeyManager { get; set; } = new();

    /// <summary>Partner trust store (section <c>Kavach:Trust</c>: allowed domains, validity rules).</summary>
    public Kavach.Trust.TrustOptions Trust { get; set; } = new();

    /// <summary>Partner onboarding and the partner TLS CA (<c>Kavach:PartnerChannel</c>).</summary>
    public Kavach.Trust.Channel.PartnerChannelOptions PartnerChannel { get; set; } = new();

    /// <summary>Zero-knowledge encryption.</summary>
    public Kavach.Keys.ZeroKnowledge.ZeroKnowledgeOptions ZeroKnowledge { get; set; } = new();

    /// <summary>Token IDs; the salts are secrets (when unset, generated once into <c>&lt;DataDir&gt;/tokenid.salts</c>).</summary>
    public Kavach.Keys.TokenIds.TokenIdOptions TokenId { get; set; } = new();

    /// <summary>Application whose master key is the server's client-crypto key (MOSIP: RESIDENT).</summary>
    public string ClientCryptoApplicationId { get; set; } = "RESIDENT";

    /// <summary>Authentication, authorisation, mTLS, rate limits and server limits.</summary>
    public SecurityOptions Security { get; set; } = new();

    /// <summary>The tamper-evident audit trail.</summary>
    public AuditOptions Audit { get; set; } = new();

    /// <summary>HTTPS: the server certificate (issued from our hierarchy or supplied), protocols, plain-HTTP rules.</summary>
    public TlsOptions Tls { get; set; } = new();

    /// <summary>The API description's interactive explorer (Swagger UI).</summary>
    public OpenApiOptions OpenApi { get; set; } = new();

    /// <summary>The operator console.</summary>
    public ConsoleOptions Console { get; set; } = new();

    /// <summary>Metrics and traces.</summary>
    public TelemetryOptions Telemetry { get; set; } = new();

    /// <summary>Largest accepted request body in bytes (default 4 MiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The data directory as an absolute path (a relative <see cref="DataDir"/> from the current directory).</summary>
    public string DataDirectory => Path.GetFullPath(DataDir);
}
