using System.IO.Compression;
using System.Security.Cryptography;

namespace Kavach.Crypto.Jose;

/// <summary>Raw DEFLATE (RFC 1951, no zlib header), as JWE's <c>"zip":"DEF"</c> requires.</summary>
internal static class RawDeflate
{
    private const int InitialBufferSize = 4096;

    internal static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        try
        {
            using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
            {
                deflate.Write(data);
            }

            return output.ToArray();
        }
        finally
        {
            // The compressed form is as secret as the plaintext.
            CryptographicOperations.ZeroMemory(output.GetBuffer());
        }
    }

    /// <summary>Inflates; false when the data is not valid DEFLATE or would exceed <paramref name="maxSize"/> bytes.</summary>
    internal static bool TryInflate(byte[] compressed, int maxSize, out byte[] data)
    {
        data = [];
        byte[] buffer = new byte[(int)Math.Min(Math.Max(InitialBufferSize, compressed.Length * 4L), maxSize + 1L)];
        int total = 0;
        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using var inflate = new DeflateStream(input, CompressionMode.Decompress);
            while (true)
            {
                if (total == buffer.Length)
                {
                    // Reading one byte past the limit is how a bomb is told from a payload of exactly maxSize.
                    if (buffer.Length > maxSize)
                    {
                        return false;
                    }

                    buffer = Grow(buffer, (int)Math.Min(buffer.Length * 2L, maxSize + 1L));
                }

                int read = inflate.Read(buffer, total, buffer.Length - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            data = buffer.AsSpan(0, total).ToArray();
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int newSize)
    {
        byte[] larger = new byte[newSize];
        buffer.CopyTo(larger, 0);
        CryptographicOperations.ZeroMemory(buffer);
        return larger;
    }
}
