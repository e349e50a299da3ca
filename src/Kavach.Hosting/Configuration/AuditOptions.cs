namespace Kavach.Hosting.Configuration;

/// <summary>The tamper-evident audit trail (<c>Kavach:Audit</c>; docs/audit.md).</summary>
public sealed class AuditOptions
{
    /// <summary>Record audit events. Turning it off is for benchmarks only: a production key manager must audit.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Make a signed checkpoint once this many records follow the last one (0: by time only).</summary>
    public int CheckpointEveryRecords { get; set; } = 1000;

    /// <summary>Make a signed checkpoint of uncovered records at least this often (0: by count only).</summary>
    public int CheckpointEveryMinutes { get; set; } = 10;

    /// <summary>
    /// The file outside the database where every checkpoint's head is anchored (<c>Kavach__Audit__AnchorFile</c>; default
    /// <c>&lt;DataDir&gt;/audit-anchor.log</c>). <c>kavach audit verify</c> fails when the log is shorter than the last
    /// anchor or empty after one. Best on storage the database's administrators cannot write.
    /// </summary>
    public string? AnchorFile { get; set; }

    /// <summary>The largest number of records sealed in one database transaction.</summary>
    public int MaxBatch { get; set; } = 500;

    /// <summary>How long a request waits for its audit record before it fails closed with HTTP 503.</summary>
    public int AppendTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Error codes that mean "access denied" (recorded on any endpoint, besides HTTP 401 and 403): authentication,
    /// authorisation, <c>key_policy_def.access_allowed</c> refusals for decryption, signing and partner upload.
    /// </summary>
    public string[] DeniedErrorCodes { get; set; } = ["KER-ATH-401", "KER-ATH-403", "KER-CRY-012", "KER-JWS-108", "KER-PCM-016", "KER-KMS-051", "KER-KMS-052", "KER-KMS-053"];
}
