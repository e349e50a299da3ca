using System.Security.Cryptography;

namespace Kavach.Hosting.Backup;

/// <summary>
/// Read-only: authenticates and decrypts the chunks of <see cref="EncryptingStream"/> one at a time. Any chunk that
/// fails, a missing last chunk (truncation) or bytes after it stop the read with one <see cref="BackupException"/>;
/// plaintext is only handed out after its chunk authenticated.
/// </summary>
internal sealed class DecryptingStream : Stream
{
    private readonly Stream _inner;
    private readonly BackupHeader _header;
    private readonly BackupKey _key;
    private readonly byte[] _sealed;
    private readonly byte[] _plain;
    private int _available;
    private int _position;
    private uint _index;
    private bool _sawLast;

    private DecryptingStream(Stream inner, BackupHeader header, BackupKey key)
    {
        _inner = inner;
        _header = header;
        _key = key;
        _sealed = new byte[header.ChunkSize + BackupHeader.TagLength];
        _plain = GC.AllocateArray<byte>(header.ChunkSize, pinned: true);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Reads the header, derives the key and checks it against the header tag.</summary>
    /// <exception cref="BackupException">Not an archive, or the passphrase is wrong (or the header was altered).</exception>
    public static DecryptingStream Open(Stream inner, BackupPassphrase passphrase, out BackupKey key)
    {
        var head = new byte[BackupHeader.Length + BackupHeader.TagLength];
        var read = inner.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var header = BackupHeader.Parse(head.AsSpan(0, read));
        if (read < head.Length)
        {
            throw new BackupException("The backup archive is truncated.");
        }

        key = BackupKey.Derive(passphrase, header);
        Span<byte> nonce = stackalloc byte[12];
        header.HeaderNonce(nonce);
        try
        {
            key.Cipher.Decrypt(nonce, [], head.AsSpan(BackupHeader.Length), [], key.Header);
        }
        catch (AuthenticationTagMismatchException)
        {
            key.Dispose();
            throw new BackupException("Wrong backup passphrase (or the archive's header was altered).");
        }

        return new DecryptingStream(inner, header, key);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_position == _available && !Next())
        {
            return 0;
        }

        var take = Math.Min(buffer.Length, _available - _position);
        _plain.AsSpan(_position, take).CopyTo(buffer);
        _position += take;
        return take;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    /// <summary>Reads to the end, so truncation or trailing bytes are caught even when the reader stopped early.</summary>
    public void ReadToEnd()
    {
        while (Next())
        {
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CryptographicOperations.ZeroMemory(_plain);
        }

        base.Dispose(disposing);
    }

    private bool Next()
    {
        if (_sawLast)
        {
            return false;
        }

        var read = _inner.ReadAtLeast(_sealed, _sealed.Length, throwOnEndOfStream: false);
        if (read < BackupHeader.TagLength)
        {
            throw new BackupException("The backup archive is truncated (its last part is missing).");
        }

        // Only the last chunk is shorter than a full one (see EncryptingStream).
        var last = read < _sealed.Length;
        var length = read - BackupHeader.TagLength;
        Span<byte> nonce = stackalloc byte[12];
        _header.Nonce(_index, last, nonce);
        try
        {
            _key.Cipher.Decrypt(nonce, _sealed.AsSpan(0, length), _sealed.AsSpan(length, BackupHeader.TagLength), _plain.AsSpan(0, length), _key.Header);
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(_plain);
            throw new BackupException("The backup archive was altered or is damaged (a part fails authentication); nothing from it was used.");
        }

        _index = checked(_index + 1);
        _sawLast = last;
        _available = length;
        _position = 0;
        return length > 0;
    }
}
