using System.Security.Cryptography;
using System.Text;

namespace Kavach.Vaults.Pkcs11;

/// <summary>
/// The token's user PIN for one login: read from its file or environment variable, held in a pinned array (so the
/// garbage collector leaves no copies), wiped on dispose. Never logged, never put in an exception.
/// </summary>
internal sealed class Pkcs11Pin : IDisposable
{
    private const int MaxPinBytes = 256;
    private const UnixFileMode ForbiddenModes =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const string PinFileOption = nameof(Pkcs11VaultOptions.PinFile);

    private readonly byte[] _bytes;
    private readonly int _length;

    private Pkcs11Pin(byte[] bytes, int length)
    {
        _bytes = bytes;
        _length = length;
    }

    /// <summary>The PIN as UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

    /// <summary>
    /// Runs <paramref name="login"/> with the PIN in an array of its exact length (what the binding's <c>Login</c>
    /// takes), pinned and wiped afterwards.
    /// </summary>
    public void Use(Action<byte[]> login)
    {
        var exact = GC.AllocateArray<byte>(_length, pinned: true);
        try
        {
            Bytes.CopyTo(exact);
            login(exact);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(exact);
        }
    }

    /// <summary>Reads the PIN named by <paramref name="options"/>.</summary>
    /// <exception cref="VaultConfigurationException">The file is missing, unreadable, open to group or others, or the
    /// PIN is empty, too long or unset; the exception names the option and never holds the PIN.</exception>
    public static Pkcs11Pin Read(Pkcs11VaultOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.PinFile))
        {
            return FromFile(options.PinFile);
        }

        var name = options.PinEnvironmentVariable!;
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            throw new VaultConfigurationException(nameof(Pkcs11VaultOptions.PinEnvironmentVariable), $"the environment variable {name} that should hold the PKCS#11 PIN is empty or unset.");
        }

        var bytes = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(value), pinned: true);
        var length = Encoding.UTF8.GetBytes(value, bytes);
        return Checked(bytes, length, nameof(Pkcs11VaultOptions.PinEnvironmentVariable));
    }

    /// <inheritdoc />
    public void Dispose() => CryptographicOperations.ZeroMemory(_bytes);

    private static Pkcs11Pin FromFile(string path)
    {
        byte[] bytes = GC.AllocateArray<byte>(MaxPinBytes + 2, pinned: true);
        var length = 0;
        try
        {
            if (!File.Exists(path))
            {
                throw new VaultConfigurationException(PinFileOption, "the PKCS#11 PIN file does not exist (or is not a regular file).");
            }

            if ((File.GetUnixFileMode(path) & ForbiddenModes) != 0)
            {
                throw new VaultConfigurationException(PinFileOption, "the PKCS#11 PIN file is open to group or others; make it readable by its owner only (chmod 600).");
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            int read;
            while ((read = stream.Read(bytes, length, bytes.Length - length)) > 0)
            {
                length += read;
                if (length == bytes.Length)
                {
                    throw new VaultConfigurationException(PinFileOption, "the PKCS#11 PIN file is longer than any PIN.");
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CryptographicOperations.ZeroMemory(bytes);
            throw new VaultConfigurationException(PinFileOption, "the PKCS#11 PIN file cannot be read.", e);
        }
        catch
        {
            CryptographicOperations.ZeroMemory(bytes);
            throw;
        }

        // One trailing newline (echo, editors) is not part of the PIN.
        if (length > 0 && bytes[length - 1] == (byte)'\n')
        {
            length--;
            if (length > 0 && bytes[length - 1] == (byte)'\r')
            {
                length--;
            }
        }

        // Nor is a UTF-8 byte-order mark some editors put first.
        if (bytes.AsSpan(0, length).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes.AsSpan(3, length - 3).CopyTo(bytes);
            length -= 3;
            bytes.AsSpan(length, 3).Clear();
        }

        return Checked(bytes, length, PinFileOption);
    }

    private static Pkcs11Pin Checked(byte[] bytes, int length, string option)
    {
        if (length == 0)
        {
            CryptographicOperations.ZeroMemory(bytes);
            throw new VaultConfigurationException(option, "the PKCS#11 PIN is empty.");
        }

        return new Pkcs11Pin(bytes, length);
    }
}
