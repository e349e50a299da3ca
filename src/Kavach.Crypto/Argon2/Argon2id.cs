using System.Security.Cryptography;
using Kavach.Crypto.Encodings;

namespace Kavach.Crypto.Argon2;

/// <summary>Raw Argon2id (version 0x13) hashes, as MOSIP's <c>/generateArgon2Hash</c> computes them through <c>argon2-jvm</c>.</summary>
/// <remarks>
/// MOSIP passes the request's <c>inputData</c> string as chars, which <c>argon2-jvm</c> encodes to UTF-8 bytes;
/// <see cref="Hash(string, ReadOnlySpan{byte}, int, int, int, int)"/> does the same. MOSIP's parameters are
/// <see cref="MosipIterations"/>, <see cref="MosipMemoryKiB"/>, <see cref="MosipParallelism"/> and a 32-byte output.
/// </remarks>
public static class Argon2id
{
    /// <summary>MOSIP's default <c>mosip.keymanager.argon2.hash.generate.iterations</c>.</summary>
    public const int MosipIterations = 10;

    /// <summary>MOSIP's default <c>mosip.keymanager.argon2.hash.generate.memory.inKiB</c>.</summary>
    public const int MosipMemoryKiB = 65536;

    /// <summary>MOSIP's default <c>mosip.keymanager.argon2.hash.generate.parallelism</c>.</summary>
    public const int MosipParallelism = 2;

    /// <summary>The default output length in bytes.</summary>
    public const int DefaultHashLength = 32;

    /// <summary>The shortest salt the library accepts.</summary>
    public const int MinSaltLength = 8;

    /// <summary>The shortest output the library produces.</summary>
    public const int MinHashLength = 4;

    /// <summary>Hashes <paramref name="password"/> with Argon2id and returns <paramref name="hashLength"/> raw bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A cost parameter is less than 1, or the output is shorter than 4 bytes.</exception>
    /// <exception cref="CryptographicException">The library refused the input (for example a salt shorter than 8 bytes, or less than 8 KiB of memory per lane) or ran out of memory.</exception>
    public static unsafe byte[] Hash(
        ReadOnlySpan<byte> password,
        ReadOnlySpan<byte> salt,
        int iterations,
        int memoryKiB,
        int parallelism,
        int hashLength = DefaultHashLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryKiB, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hashLength, MinHashLength);

        byte[] hash = new byte[hashLength];
        int result;
        fixed (byte* passwordPointer = password)
        fixed (byte* saltPointer = salt)
        fixed (byte* hashPointer = hash)
        {
            result = LibArgon2.argon2id_hash_raw(
                (uint)iterations,
                (uint)memoryKiB,
                (uint)parallelism,
                passwordPointer,
                (nuint)password.Length,
                saltPointer,
                (nuint)salt.Length,
                hashPointer,
                (nuint)hash.Length);
        }

        if (result != LibArgon2.Ok)
        {
            CryptographicOperations.ZeroMemory(hash);

            // One message for every library error: the code says nothing useful to a caller, and nothing about the input leaks.
            throw new CryptographicException("Argon2id hashing failed.");
        }

        return hash;
    }

    /// <summary>Hashes the UTF-8 bytes of <paramref name="inputData"/>, encoded as Java encodes a string (MOSIP's <c>inputData</c> chars).</summary>
    /// <inheritdoc cref="Hash(ReadOnlySpan{byte}, ReadOnlySpan{byte}, int, int, int, int)"/>
    public static byte[] Hash(
        string inputData,
        ReadOnlySpan<byte> salt,
        int iterations,
        int memoryKiB,
        int parallelism,
        int hashLength = DefaultHashLength)
    {
        ArgumentNullException.ThrowIfNull(inputData);
        byte[] password = JavaUtf8.GetBytes(inputData);
        try
        {
            return Hash(password, salt, iterations, memoryKiB, parallelism, hashLength);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    }
}
