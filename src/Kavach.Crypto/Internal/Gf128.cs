using System.Buffers.Binary;

namespace Kavach.Crypto.Internal;

/// <summary>Arithmetic in GCM's field GF(2^128), in GCM's reflected bit order (SP 800-38D, 6.3).</summary>
/// <remarks>
/// An element is held as two big-endian halves, so bit 0 of the field element is the top bit of
/// <c>Hi</c>. Multiplication has no branches or table look-ups that depend on the operands, because
/// one operand is usually the secret hash subkey H.
/// </remarks>
internal static class Gf128
{
    /// <summary>The multiplicative identity: the polynomial 1, which GCM stores as 0x80 00 .. 00.</summary>
    internal static readonly (ulong Hi, ulong Lo) One = (0x8000_0000_0000_0000UL, 0UL);

    private const ulong ReductionHi = 0xE100_0000_0000_0000UL;

    internal static (ulong Hi, ulong Lo) Load(ReadOnlySpan<byte> block16) =>
        (BinaryPrimitives.ReadUInt64BigEndian(block16), BinaryPrimitives.ReadUInt64BigEndian(block16[8..]));

    internal static void Store((ulong Hi, ulong Lo) value, Span<byte> block16)
    {
        BinaryPrimitives.WriteUInt64BigEndian(block16, value.Hi);
        BinaryPrimitives.WriteUInt64BigEndian(block16[8..], value.Lo);
    }

    internal static (ulong Hi, ulong Lo) Xor((ulong Hi, ulong Lo) x, (ulong Hi, ulong Lo) y) =>
        (x.Hi ^ y.Hi, x.Lo ^ y.Lo);

    /// <summary>Algorithm 1 of SP 800-38D, with masks instead of branches.</summary>
    internal static (ulong Hi, ulong Lo) Multiply((ulong Hi, ulong Lo) x, (ulong Hi, ulong Lo) y)
    {
        ulong zHi = 0, zLo = 0;
        ulong vHi = y.Hi, vLo = y.Lo;
        for (int i = 0; i < 128; i++)
        {
            ulong bit = i < 64 ? (x.Hi >> (63 - i)) & 1UL : (x.Lo >> (127 - i)) & 1UL;
            ulong take = 0UL - bit;
            zHi ^= vHi & take;
            zLo ^= vLo & take;

            ulong reduce = 0UL - (vLo & 1UL);
            vLo = (vLo >> 1) | (vHi << 63);
            vHi = (vHi >> 1) ^ (ReductionHi & reduce);
        }

        return (zHi, zLo);
    }

    /// <summary>x^(2^128 - 2), which is 1/x for every non-zero x (and 0 for 0).</summary>
    internal static (ulong Hi, ulong Lo) Invert((ulong Hi, ulong Lo) x)
    {
        // 2^128 - 2 = 2^1 + 2^2 + ... + 2^127, so multiply together x^(2^i) for i = 1..127.
        (ulong Hi, ulong Lo) result = One;
        (ulong Hi, ulong Lo) square = x;
        for (int i = 1; i < 128; i++)
        {
            square = Multiply(square, square);
            result = Multiply(result, square);
        }

        return result;
    }

    /// <summary>GHASH_H over <paramref name="data"/> zero-padded to whole blocks, continuing from <paramref name="state"/>.</summary>
    internal static (ulong Hi, ulong Lo) GhashPadded((ulong Hi, ulong Lo) h, (ulong Hi, ulong Lo) state, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 16)
        {
            state = Multiply(Xor(state, Load(data)), h);
            data = data[16..];
        }

        if (!data.IsEmpty)
        {
            Span<byte> last = stackalloc byte[16];
            last.Clear();
            data.CopyTo(last);
            state = Multiply(Xor(state, Load(last)), h);
        }

        return state;
    }
}
