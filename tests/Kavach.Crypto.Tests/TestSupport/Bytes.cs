namespace Kavach.Crypto.Tests.TestSupport;

/// <summary>Seeded test data, so a failure can be replayed.</summary>
internal static class Bytes
{
    internal static byte[] Random(Random random, int length)
    {
        byte[] data = new byte[length];
        random.NextBytes(data);
        return data;
    }

    internal static string Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(data);

    internal static byte[] FromHex(string hex) => Convert.FromHexString(hex.Trim());
}
