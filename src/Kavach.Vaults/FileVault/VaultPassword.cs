using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Kavach.Vaults;

/// <summary>
/// The vault password in a pinned buffer (the GC cannot leave copies behind), wiped on dispose.
/// </summary>
internal sealed class VaultPassword : IDisposable
{
    private const int RandomBytes = 32;

    // Generated passwords are 45 bytes; anything far larger is not a password file.
    private const int MaxFileLength = 4096;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly char[] _chars;
    private bool _disposed;

    private VaultPassword(char[] chars)
    {
        _chars = chars;
    }

    /// <summary>The password characters; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlySpan<char> Chars
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _chars;
        }
    }

    /// <summary>
    /// Writes a new random password (32 random bytes in base64, then a newline, as <c>openssl -passin file:</c>
    /// expects) to <paramref name="path"/>, created 0600 and atomically. Fails if the file already exists.
    /// </summary>
    public static void Create(string path)
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        var content = GC.AllocateArray<byte>(Base64.GetMaxEncodedToUtf8Length(RandomBytes) + 1, pinned: true);
        try
        {
            RandomNumberGenerator.Fill(random);
            Base64.EncodeToUtf8(random, content, out _, out var written);
            content[written] = (byte)'\n';
            OwnerOnlyFiles.WriteAtomically(path, content.AsSpan(0, written + 1), overwrite: false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(random);
            CryptographicOperations.ZeroMemory(content);
        }
    }

    /// <summary>
    /// Reads the password from <paramref name="path"/>, refusing a file that group or others may access.
    /// </summary>
    /// <exception cref="VaultOpenException">The file is unsafe, empty or not UTF-8.</exception>
    public static VaultPassword Read(string path)
    {
        var fileName = Path.GetFileName(path);
        if (!OwnerOnlyFiles.IsOwnerOnly(path))
        {
            throw new VaultOpenException(
                $"The vault password file '{fileName}' is accessible by group or others; "
                + "allow its owner only (chmod 600) before the vault will open.");
        }

        byte[] buffer;
        int length;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            if (stream.Length > MaxFileLength)
            {
                throw new VaultOpenException($"The vault password file '{fileName}' is too large to hold a password.");
            }

            buffer = GC.AllocateArray<byte>((int)stream.Length, pinned: true);
            stream.ReadExactly(buffer);
            length = buffer.Length;
        }

        try
        {
            while (length > 0 && buffer[length - 1] is (byte)'\n' or (byte)'\r')
            {
                length--;
            }

            if (length == 0)
            {
                throw new VaultOpenException($"The vault password file '{fileName}' is empty.");
            }

            return new VaultPassword(Decode(buffer.AsSpan(0, length), fileName));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <summary>Wipes the password.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(_chars.AsSpan()));
    }

    private static char[] Decode(ReadOnlySpan<byte> utf8, string fileName)
    {
        try
        {
            var chars = GC.AllocateArray<char>(StrictUtf8.GetCharCount(utf8), pinned: true);
            StrictUtf8.GetChars(utf8, chars);
            return chars;
        }
        catch (DecoderFallbackException)
        {
            // No inner exception: its message quotes the offending bytes, which are password bytes.
            throw new VaultOpenException($"The vault password file '{fileName}' is not UTF-8 text.");
        }
    }
}
