using System.Formats.Asn1;
using System.Numerics;

namespace Kavach.Keys.Vault;

/// <summary>Converts ECDSA signatures between IEEE P1363 (r‖s) and DER (SEQUENCE of two INTEGERs).</summary>
public static class EcdsaSignatureFormat
{
    /// <summary>Encodes an r‖s signature as DER.</summary>
    public static byte[] ToDer(ReadOnlySpan<byte> p1363)
    {
        if (p1363.Length == 0 || p1363.Length % 2 != 0)
        {
            throw new ArgumentException("An IEEE P1363 signature has two halves of equal length.", nameof(p1363));
        }

        var half = p1363.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(new BigInteger(p1363[..half], isUnsigned: true, isBigEndian: true));
            writer.WriteInteger(new BigInteger(p1363[half..], isUnsigned: true, isBigEndian: true));
        }

        return writer.Encode();
    }

    /// <summary>Decodes a DER signature to r‖s with each half <paramref name="fieldSize"/> bytes long.</summary>
    public static byte[] ToP1363(ReadOnlySpan<byte> der, int fieldSize)
    {
        var reader = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        var r = sequence.ReadInteger();
        var s = sequence.ReadInteger();
        sequence.ThrowIfNotEmpty();
        reader.ThrowIfNotEmpty();
        var result = new byte[fieldSize * 2];
        WriteFixed(r, result.AsSpan(0, fieldSize));
        WriteFixed(s, result.AsSpan(fieldSize, fieldSize));
        return result;
    }

    private static void WriteFixed(BigInteger value, Span<byte> destination)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length > destination.Length)
        {
            throw new ArgumentException("Signature component is larger than the curve's field.");
        }

        bytes.CopyTo(destination[(destination.Length - bytes.Length)..]);
    }
}
