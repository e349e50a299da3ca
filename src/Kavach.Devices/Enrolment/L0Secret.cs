using System.Security.Cryptography;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Protocol.Jose;

namespace Kavach.Devices.Enrolment;

/// <summary>
/// The L0 one-time enrolment secret (spec §4.5): 32 random bytes the factory gives the device, of which the whitelist
/// holds only the SHA-256. The device sends the secret inside its signed, encrypted enrolment beside the challenge nonce.
/// </summary>
public static class L0Secret
{
    /// <summary>A new secret, base64url without padding, as the device keeps it.</summary>
    public static string Create()
    {
        var bytes = RandomNumberGenerator.GetBytes(ProtocolValues.NonceBytes);
        try
        {
            return Kavach.Crypto.Base64Url.Encode(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The whitelist's <c>l0SecretSha256</c> of <paramref name="secret"/>: lower-case hex SHA-256 of its 32 bytes.</summary>
    public static string Sha256Of(string secret)
    {
        if (!ProtocolValues.IsNonce(secret) || !StrictBase64.TryDecodeUrl(secret, out var bytes))
        {
            throw new ArgumentException("An enrolment secret is base64url of 32 bytes.", nameof(secret));
        }

        try
        {
            return Convert.ToHexStringLower(SHA256.HashData(bytes));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>True when <paramref name="secret"/> hashes to <paramref name="sha256Hex"/>, compared in constant time; false when either is absent.</summary>
    internal static bool Matches(string? secret, string? sha256Hex)
    {
        if (secret is null || sha256Hex is not { Length: 64 } || !ProtocolValues.IsNonce(secret) || !StrictBase64.TryDecodeUrl(secret, out var bytes))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        Span<byte> actual = stackalloc byte[32];
        try
        {
            return Convert.FromHexString(sha256Hex, expected, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32
                && SHA256.TryHashData(bytes, actual, out _)
                && CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            CryptographicOperations.ZeroMemory(actual);
        }
    }
}
