using System.Security.Cryptography;

namespace Kavach.DeviceAgent.Keys.Tpm;

/// <summary>The token's user PIN read from its file into a pinned array, wiped on dispose; never logged or put in a message.</summary>
internal sealed class TpmPin : IDisposable
{
    private const int MaxPinBytes = 256;
    private const UnixFileMode ForbiddenModes =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly byte[] _bytes;

    private TpmPin(byte[] bytes) => _bytes = bytes;

    /// <summary>The PIN, exactly as long as it is (the binding's Login takes a whole array).</summary>
    public byte[] Bytes => _bytes;

    /// <summary>Reads the PIN file; the messages name the file's problem, never its content.</summary>
    /// <exception cref="TpmUnavailableException">The file is missing, unreadable, open to group or others, empty or too long.</exception>
    public static TpmPin Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new TpmUnavailableException($"The TPM user PIN file {path} does not exist.");
        }

        if ((File.GetUnixFileMode(path) & ForbiddenModes) != 0)
        {
            throw new TpmUnavailableException($"The TPM user PIN file {path} is open to group or others; chmod 600 it.");
        }

        var buffer = GC.AllocateArray<byte>(MaxPinBytes + 2, pinned: true);
        try
        {
            var length = 0;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1))
            {
                int read;
                while ((read = stream.Read(buffer, length, buffer.Length - length)) > 0)
                {
                    length += read;
                    if (length == buffer.Length)
                    {
                        throw new TpmUnavailableException($"The TPM user PIN file {path} is longer than any PIN.");
                    }
                }
            }

            // One trailing newline (echo, editors) is not part of the PIN.
            if (length > 0 && buffer[length - 1] == (byte)'\n')
            {
                length--;
                if (length > 0 && buffer[length - 1] == (byte)'\r')
                {
                    length--;
                }
            }

            if (length == 0)
            {
                throw new TpmUnavailableException($"The TPM user PIN file {path} is empty.");
            }

            var exact = GC.AllocateArray<byte>(length, pinned: true);
            buffer.AsSpan(0, length).CopyTo(exact);
            return new TpmPin(exact);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TpmUnavailableException($"The TPM user PIN file {path} cannot be read.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <inheritdoc />
    public void Dispose() => CryptographicOperations.ZeroMemory(_bytes);
}
