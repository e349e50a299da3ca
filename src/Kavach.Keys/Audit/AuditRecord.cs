namespace Kavach.Keys.Audit;

/// <summary>A sealed row of the audit chain: the entry, its sequence number, the previous record's hash and its own.</summary>
/// <param name="Seq">1, 2, 3, … without gaps.</param>
/// <param name="Entry">The event, with its fields cleaned and cut to their column sizes (exactly what is stored and hashed).</param>
/// <param name="PrevHash">The <see cref="Hash"/> of record <c>Seq - 1</c>; 64 zeros for record 1.</param>
/// <param name="Hash">Lower-case hex SHA-256 of <see cref="AuditChain.CanonicalBytes"/>.</param>
public sealed record AuditRecord(long Seq, AuditEntry Entry, string PrevHash, string Hash)
{
    /// <summary>The KERNEL/AUDIT alias whose derived key made <see cref="Mac"/>.</summary>
    public string? MacKeyAlias { get; init; }

    /// <summary>
    /// Lower-case hex HMAC-SHA256 of the canonical bytes under the vault-derived record key: a row added or rewritten by
    /// someone who can write the database but not use the vault fails it, even after the last checkpoint.
    /// </summary>
    public string? Mac { get; init; }
}
