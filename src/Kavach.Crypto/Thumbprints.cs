using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Kavach.Crypto;

/// <summary>Certificate and key thumbprints in the textual forms MOSIP stores and compares.</summary>
public static class Thumbprints
{
    /// <summary><c>UPPER(hex(SHA-256(der)))</c>, 64 characters: MOSIP's <c>cert_thumbprint</c>.</summary>
    public static string Sha256UpperHex(ReadOnlySpan<byte> der)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(der, hash);
        return Convert.ToHexString(hash);
    }

    /// <summary>The raw 32-byte SHA-256 of <paramref name="der"/>.</summary>
    public static byte[] Sha256(ReadOnlySpan<byte> der) => SHA256.HashData(der);

    /// <summary><c>lower(hex(SHA-1(der)))</c>, 40 characters.</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "An identifier MOSIP and X.509 tooling compute with SHA-1, not a security decision.")]
    public static string Sha1LowerHex(ReadOnlySpan<byte> der)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(der, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary><c>UPPER(hex(SHA-1(der)))</c>, 40 characters.</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "An identifier MOSIP and X.509 tooling compute with SHA-1, not a security decision.")]
    public static string Sha1UpperHex(ReadOnlySpan<byte> der)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(der, hash);
        return Convert.ToHexString(hash);
    }
}
