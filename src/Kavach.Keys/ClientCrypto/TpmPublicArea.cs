using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Kavach.Keys.ClientCrypto;

/// <summary>
/// Reads an RSA key from a TPM 2.0 <c>TPMT_PUBLIC</c> structure (TPM 2.0 Part 2 §12.2.4), the form MOSIP's
/// registration clients send their TPM keys in. Only RSA keys are supported (the registration client's are RSA-2048).
/// </summary>
public static class TpmPublicArea
{
    private const ushort AlgRsa = 0x0001;
    private const ushort AlgNull = 0x0010;

    /// <summary>The RSA public key of <paramref name="tpmtPublic"/>, or false when it is not a TPMT_PUBLIC RSA area.</summary>
    public static bool TryReadRsa(ReadOnlySpan<byte> tpmtPublic, out RSAParameters parameters)
    {
        parameters = default;
        var reader = new Reader(tpmtPublic);
        if (!reader.U16(out var type) || type != AlgRsa ||
            !reader.U16(out _) ||           // nameAlg
            !reader.U32(out _) ||           // objectAttributes
            !reader.Sized(out _) ||         // authPolicy
            !reader.U16(out var symmetric))
        {
            return false;
        }

        if (symmetric != AlgNull && (!reader.U16(out _) || !reader.U16(out _)))
        {
            return false; // keyBits, mode
        }

        if (!reader.U16(out var scheme) || (scheme != AlgNull && !reader.U16(out _)) ||
            !reader.U16(out var keyBits) || !reader.U32(out var exponent) ||
            !reader.Sized(out var modulus) || !reader.AtEnd ||
            modulus.Length * 8 != keyBits || keyBits < 2048)
        {
            return false;
        }

        var e = exponent == 0 ? 65537u : exponent;
        var exponentBytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(exponentBytes, e);
        parameters = new RSAParameters { Modulus = modulus.ToArray(), Exponent = exponentBytes.AsSpan().TrimStart((byte)0).ToArray() };
        return true;
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> _rest = data;

        public readonly bool AtEnd => _rest.IsEmpty;

        public bool U16(out ushort value)
        {
            value = 0;
            if (_rest.Length < 2)
            {
                return false;
            }

            value = BinaryPrimitives.ReadUInt16BigEndian(_rest);
            _rest = _rest[2..];
            return true;
        }

        public bool U32(out uint value)
        {
            value = 0;
            if (_rest.Length < 4)
            {
                return false;
            }

            value = BinaryPrimitives.ReadUInt32BigEndian(_rest);
            _rest = _rest[4..];
            return true;
        }

        public bool Sized(out ReadOnlySpan<byte> value)
        {
            value = default;
            if (!U16(out var size) || _rest.Length < size)
            {
                return false;
            }

            value = _rest[..size];
            _rest = _rest[size..];
            return true;
        }
    }
}
