using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Kavach.Hosting.Backup;

/// <summary>
/// The operator's backup passphrase as UTF-8 bytes in a pinned buffer (no copies left by the GC), wiped on dispose.
/// </summary>
public sealed class BackupPassphrase : IDisposable
{
    /// <summary>The shortest passphrase accepted when a backup is made.</summary>
    public const int MinLength = 12;

    private readonly byte[] _utf8;
    private bool _disposed;

    private BackupPassphrase(byte[] utf8)
    {
        _utf8 = utf8;
    }

    /// <summary>The UTF-8 bytes; valid until <see cref="Dispose"/>.</summary>
    internal ReadOnlySpan<byte> Utf8
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _utf8;
        }
    }

    /// <summary>The number of characters (for the length rule).</summary>
    public int Length { get; private init; }

    /// <summary>Copies <paramref name="chars"/> (one trailing newline removed, as a passphrase file usually ends).</summary>
    /// <exception cref="BackupException">The passphrase is empty.</exception>
    public static BackupPassphrase From(ReadOnlySpan<char> chars)
    {
        if (chars.EndsWith("\n"))
        {
            chars = chars[..^1];
            if (chars.EndsWith("\r"))
            {
                chars = chars[..^1];
            }
        }

        if (chars.IsEmpty)
        {
            throw new BackupException("The backup passphrase is empty.");
        }

        var utf8 = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(chars), pinned: true);
        Encoding.UTF8.GetBytes(chars, utf8);
        return new BackupPassphrase(utf8) { Length = chars.Length };
    }

    /// <summary>Reads a passphrase file's UTF-8 content, wiping the bytes read.</summary>
    public static BackupPassphrase FromUtf8(ReadOnlySpan<byte> utf8)
    {
        var chars = GC.AllocateArray<char>(Encoding.UTF8.GetCharCount(utf8), pinned: true);
        try
        {
            Encoding.UTF8.GetChars(utf8, chars);
            return From(chars);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(chars.AsSpan()));
        }
    }

    /// <summary>Wipes the passphrase.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            CryptographicOperations.ZeroMemory(_utf8);
        }
    }
}
