using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Kavach.Keys.Audit;

/// <summary>
/// The canonical bytes of a record and the hash chain over them (docs/audit.md). The bytes are the ASCII tag
/// <c>KAVACH-AUDIT-1</c> followed by each field in a fixed order, each as a 4-byte big-endian length and its UTF-8
/// bytes (a null field is the length <c>FFFFFFFF</c> and no bytes): seq, time, request_id, actor, auth_method,
/// client_addr, operation, app_id, ref_id, key_ref, subject, outcome, http_status, detail, prev_hash. Numbers are
/// decimal ASCII, the time is <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>, hashes lower-case hex. The record hash is the
/// lower-case hex SHA-256 of these bytes. Length prefixes make the encoding unambiguous without escaping.
/// </summary>
public static class AuditChain
{
    /// <summary>The prev_hash of record 1.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>The time format inside the canonical bytes.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private static readonly byte[] RecordTag = "KAVACH-AUDIT-1"u8.ToArray();

    /// <summary>
    /// Seals <paramref name="entry"/> as record <paramref name="seq"/> after the record whose hash is
    /// <paramref name="prevHash"/>, MACing it with <paramref name="macKey"/> (of KERNEL/AUDIT alias <paramref name="macAlias"/>) when given.
    /// </summary>
    public static AuditRecord Seal(long seq, AuditEntry entry, string prevHash, string? macAlias = null, byte[]? macKey = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        ArgumentNullException.ThrowIfNull(prevHash);
        var normalized = AuditFields.Normalize(entry);
        var bytes = CanonicalBytes(seq, normalized, prevHash);
        var record = new AuditRecord(seq, normalized, prevHash, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        return macKey is null
            ? record
            : record with { MacKeyAlias = macAlias, Mac = Convert.ToHexStringLower(HMACSHA256.HashData(macKey, bytes)) };
    }

    /// <summary>The record hash of (seq, entry, prevHash) as stored.</summary>
    public static string Hash(long seq, AuditEntry entry, string prevHash) =>
        Convert.ToHexStringLower(SHA256.HashData(CanonicalBytes(seq, entry, prevHash)));

    /// <summary>The canonical bytes that are hashed (the entry is used as given: seal normalises it first).</summary>
    public static byte[] CanonicalBytes(long seq, AuditEntry entry, string prevHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var writer = new CanonicalWriter(RecordTag);
        writer.Add(seq.ToString(CultureInfo.InvariantCulture));
        writer.Add(FormatTime(entry.Time));
        writer.Add(entry.RequestId);
        writer.Add(entry.Actor);
        writer.Add(entry.AuthMethod);
        writer.Add(entry.Client);
        writer.Add(entry.Operation);
        writer.Add(entry.AppId);
        writer.Add(entry.RefId);
        writer.Add(entry.KeyRef);
        writer.Add(entry.Subject);
        writer.Add(entry.Outcome);
        writer.Add(entry.HttpStatus?.ToString(CultureInfo.InvariantCulture));
        writer.Add(entry.Detail);
        writer.Add(prevHash);
        return writer.ToArray();
    }

    /// <summary>The canonical form of a record time.</summary>
    public static string FormatTime(DateTime time) =>
        AuditFields.TruncateToMicroseconds(time).ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Length-prefixed field encoding shared by records and checkpoints.</summary>
    internal sealed class CanonicalWriter
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(256);

        internal CanonicalWriter(ReadOnlySpan<byte> tag) => _buffer.Write(tag);

        internal void Add(string? value)
        {
            Span<byte> length = stackalloc byte[4];
            if (value is null)
            {
                BinaryPrimitives.WriteUInt32BigEndian(length, uint.MaxValue);
                _buffer.Write(length);
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(value);
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
            _buffer.Write(length);
            _buffer.Write(bytes);
        }

        internal byte[] ToArray() => _buffer.WrittenSpan.ToArray();
    }
}
