using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Kavach.Vaults.Pkcs11;

/// <summary>
/// PINs a token has refused, remembered for the life of the process so the vault never logs in with one of them
/// again: real HSMs lock the user after a few wrong PINs, and a vault that reconnects by itself (or a server that
/// retries its start-up) would otherwise burn through the tries. A changed PIN file is tried afresh.
/// </summary>
/// <remarks>Only keyed MACs (with a random per-process key) are kept, never the PINs.</remarks>
internal static class PinRefusals
{
    private static readonly byte[] MacKey = RandomNumberGenerator.GetBytes(32);
    private static readonly ConcurrentDictionary<string, byte[]> Refused = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="pin"/> was refused by this token before.</summary>
    public static bool IsRefused(string library, string tokenLabel, ReadOnlySpan<byte> pin) =>
        Refused.TryGetValue(Key(library, tokenLabel), out var mac) && CryptographicOperations.FixedTimeEquals(mac, Mac(pin));

    /// <summary>Remembers that the token refused <paramref name="pin"/>.</summary>
    public static void Remember(string library, string tokenLabel, ReadOnlySpan<byte> pin) => Refused[Key(library, tokenLabel)] = Mac(pin);

    /// <summary>Forgets a refusal once a login succeeded.</summary>
    public static void Forget(string library, string tokenLabel) => Refused.TryRemove(Key(library, tokenLabel), out _);

    private static string Key(string library, string tokenLabel) => library + "\n" + tokenLabel;

    private static byte[] Mac(ReadOnlySpan<byte> pin) => HMACSHA256.HashData(MacKey, pin);
}
