using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Kavach.Hosting.Backup;

/// <summary>
/// The archive header (docs/backup.md): magic <c>KAVACHBK</c>, format version, KDF id (1: Argon2id), Argon2id cost,
/// 16-byte salt, 7-byte nonce prefix, chunk size — all big-endian — then a GCM tag over the header (empty plaintext),
/// which tells a wrong passphrase apart from a damaged archive. Every chunk authenticates the header as well.
/// </summary>
internal sealed record BackupHeader(BackupKdfParameters Kdf, byte[] Salt, byte[] NoncePrefix, int ChunkSize)
{
    public const int FormatVersion = 1;

    public const int Length = 49;

    public const int TagLength = 16;

    public const int DefaultChunkSize = 64 * 1024;

    private const byte Argon2idKdf = 1;

    private static ReadOnlySpan<byte> Magic => "KAVACHBK"u8;

    public static BackupHeader CreateNew(BackupKdfParameters kdf) =>
        new(kdf, RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(7), DefaultChunkSize);

    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        Magic.CopyTo(bytes);
        bytes[8] = FormatVersion;
        bytes[9] = Argon2idKdf;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(10), Kdf.Iterations);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(14), Kdf.MemoryKiB);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(18), Kdf.Parallelism);
        Salt.CopyTo(bytes.AsSpan(22));
        NoncePrefix.CopyTo(bytes.AsSpan(38));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(45), ChunkSize);
        return bytes;
    }

    /// <exception cref="BackupException">Not a Kavach backup, an unknown version, or parameters out of bounds.</exception>
    public static BackupHeader Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Length || !bytes[..8].SequenceEqual(Magic))
        {
            throw new BackupException("This is not a Kavach backup archive.");
        }

        if (bytes[8] != FormatVersion || bytes[9] != Argon2idKdf)
        {
            throw new BackupException($"This backup archive has format version {bytes[8]}; this Kavach reads version {FormatVersion}.");
        }

        var kdf = new BackupKdfParameters(
            BinaryPrimitives.ReadInt32BigEndian(bytes[10..]),
            BinaryPrimitives.ReadInt32BigEndian(bytes[14..]),
            BinaryPrimitives.ReadInt32BigEndian(bytes[18..]));
        var chunkSize = BinaryPrimitives.ReadInt32BigEndian(bytes[45..]);
        if (!kdf.IsReasonable || chunkSize is < 1024 or > 16 * 1024 * 1024)
        {
            throw new BackupException("The backup archive's header is damaged (its parameters are out of bounds).");
        }

        return new BackupHeader(kdf, bytes[22..38].ToArray(), bytes[38..45].ToArray(), chunkSize);
    }

    /// <summary>The 12-byte GCM nonce of chunk <paramref name="index"/>: prefix, counter, and 1 on the last chunk only.</summary>
    public void Nonce(uint index, bool last, Span<byte> nonce)
    {
        NoncePrefix.CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[7..], index);
        nonce[11] = last ? (byte)1 : (byte)0;
    }

    /// <summary>The nonce of the header tag (a counter no chunk reaches, flag 2).</summary>
    public void HeaderNonce(Span<byte> nonce)
    {
        NoncePrefix.CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[7..], uint.MaxValue);
        nonce[11] = 2;
    }
}
