using System.Security.Cryptography;

namespace Kavach.Hosting.Backup;

/// <summary>
/// Write-only: the header, its tag, then the plaintext in AES-256-GCM chunks of <see cref="BackupHeader.ChunkSize"/>.
/// Full chunks are never last; <see cref="CompleteAsync"/> writes the last, shorter (possibly empty) chunk flagged as
/// such — so an archive cut at a chunk boundary lacks its last chunk and is refused.
/// </summary>
internal sealed class EncryptingStream : Stream
{
    private readonly Stream _inner;
    private readonly BackupHeader _header;
    private readonly BackupKey _key;
    private readonly byte[] _plain;
    private readonly byte[] _sealed;
    private int _filled;
    private uint _index;
    private bool _completed;

    public EncryptingStream(Stream inner, BackupHeader header, BackupKey key)
    {
        _inner = inner;
        _header = header;
        _key = key;
        _plain = GC.AllocateArray<byte>(header.ChunkSize, pinned: true);
        _sealed = new byte[header.ChunkSize + BackupHeader.TagLength];
        Span<byte> nonce = stackalloc byte[12];
        Span<byte> tag = stackalloc byte[BackupHeader.TagLength];
        header.HeaderNonce(nonce);
        key.Cipher.Encrypt(nonce, [], [], tag, key.Header);
        inner.Write(key.Header);
        inner.Write(tag);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, _plain.Length - _filled);
            buffer[..take].CopyTo(_plain.AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
            if (_filled == _plain.Length)
            {
                Seal(last: false);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes the last chunk; nothing may be written after.</summary>
    public void Complete()
    {
        if (!_completed)
        {
            Seal(last: true);
            _completed = true;
            _inner.Flush();
        }
    }

    public override void Flush()
    {
        // Chunks are sealed whole; a partial chunk waits for more data or Complete.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CryptographicOperations.ZeroMemory(_plain);
        }

        base.Dispose(disposing);
    }

    private void Seal(bool last)
    {
        Span<byte> nonce = stackalloc byte[12];
        _header.Nonce(_index, last, nonce);
        var ciphertext = _sealed.AsSpan(0, _filled);
        var tag = _sealed.AsSpan(_filled, BackupHeader.TagLength);
        _key.Cipher.Encrypt(nonce, _plain.AsSpan(0, _filled), ciphertext, tag, _key.Header);
        _inner.Write(_sealed.AsSpan(0, _filled + BackupHeader.TagLength));
        CryptographicOperations.ZeroMemory(_plain.AsSpan(0, _filled));
        _filled = 0;
        _index = checked(_index + 1);
    }
}
