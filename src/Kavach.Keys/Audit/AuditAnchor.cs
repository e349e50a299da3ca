using System.Globalization;

namespace Kavach.Keys.Audit;

/// <summary>
/// A checkpoint's head kept outside the database: record <see cref="Seq"/> has hash <see cref="RecordHash"/>, MACed
/// with a key derived from the vault's KERNEL/AUDIT secret, so whoever can write the database can neither forge nor
/// roll back the statement. The log must reach <see cref="Seq"/> with that hash.
/// </summary>
/// <param name="Seq">The last record the anchored checkpoint covers.</param>
/// <param name="RecordHash">That record's hash.</param>
/// <param name="CreatedAt">When the checkpoint was made (UTC, microseconds).</param>
/// <param name="MacKeyAlias">The KERNEL/AUDIT alias whose derived <c>anchor-mac</c> key made <see cref="Mac"/>.</param>
/// <param name="Mac">Lower-case hex HMAC-SHA256 of <see cref="BytesFor"/>.</param>
public sealed record AuditAnchor(long Seq, string RecordHash, DateTime CreatedAt, string MacKeyAlias, string Mac)
{
    /// <summary>The first word of every anchor line.</summary>
    public const string Tag = "KAVACH-AUDIT-ANCHOR-1";

    private static readonly byte[] TagBytes = "KAVACH-AUDIT-ANCHOR-1"u8.ToArray();

    /// <summary>The MACed bytes of an anchor with these values.</summary>
    public static byte[] BytesFor(long seq, string recordHash, DateTime createdAt, string macKeyAlias)
    {
        var writer = new AuditChain.CanonicalWriter(TagBytes);
        writer.Add(seq.ToString(CultureInfo.InvariantCulture));
        writer.Add(recordHash);
        writer.Add(AuditChain.FormatTime(createdAt));
        writer.Add(macKeyAlias);
        return writer.ToArray();
    }

    /// <summary>The line form: <c>KAVACH-AUDIT-ANCHOR-1 seq hash time alias mac</c>, space-separated.</summary>
    public string ToLine() => string.Join(' ', Tag, Seq.ToString(CultureInfo.InvariantCulture), RecordHash, AuditChain.FormatTime(CreatedAt), MacKeyAlias, Mac);

    /// <summary>Parses <see cref="ToLine"/>'s form; false for anything else.</summary>
    public static bool TryParse(string line, out AuditAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(line);
        anchor = null!;
        var parts = line.Split(' ');
        if (parts.Length != 6 || parts[0] != Tag ||
            !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ||
            !DateTime.TryParseExact(parts[3], AuditChain.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var createdAt))
        {
            return false;
        }

        anchor = new AuditAnchor(seq, parts[2], DateTime.SpecifyKind(createdAt, DateTimeKind.Utc), parts[4], parts[5]);
        return true;
    }
}
