using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Kavach.Keys.Errors;

namespace Kavach.Keys.TokenIds;

/// <summary>
/// MOSIP's token ID (spec §8): a partner-specific, irreversible number for a UIN. Both published algorithms are
/// supported because they give different ids and issued ids must stay stable.
/// </summary>
public sealed class TokenIdGenerator
{
    private readonly string _uinSalt;
    private readonly string _partnerCodeSalt;
    private readonly int _length;
    private readonly bool _doubleHash;

    /// <summary>Creates the generator; the salts must be configured (fail closed).</summary>
    public TokenIdGenerator(TokenIdOptions options)
    {
        if (string.IsNullOrEmpty(options.UinSalt) || string.IsNullOrEmpty(options.PartnerCodeSalt))
        {
            throw new InvalidOperationException("Kavach:TokenId:UinSalt and Kavach:TokenId:PartnerCodeSalt must be configured.");
        }

        _doubleHash = options.Algorithm switch
        {
            "1.2.1" => false,
            "1.3.0" => true,
            _ => throw new InvalidOperationException("Kavach:TokenId:Algorithm must be 1.2.1 or 1.3.0."),
        };
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Length, 1);
        _uinSalt = options.UinSalt;
        _partnerCodeSalt = options.PartnerCodeSalt;
        _length = options.Length;
    }

    /// <summary>The token ID of <paramref name="uin"/> for <paramref name="partnerCode"/> (both trimmed); KER-TIG-010 when either is blank.</summary>
    public Result<string> Generate(string? uin, string? partnerCode)
    {
        var u = uin?.Trim();
        var p = partnerCode?.Trim();
        if (string.IsNullOrEmpty(u) || string.IsNullOrEmpty(p))
        {
            return ErrorCodes.TokenIdEmptyInput;
        }

        var uinHash = Digest(u + _uinSalt);
        var hash = Digest(_partnerCodeSalt + p + uinHash);

        // BigInteger over the ASCII bytes of the hex digest, big-endian and positive, then its first digits.
        var number = new BigInteger(Encoding.ASCII.GetBytes(hash), isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return number.Length <= _length ? number : number[.._length];
    }

    // 1.2.1: UPPER-hex(SHA-256(x)); 1.3.0 hashes once more before hex (HMACUtils2.digestAsPlainText).
    private string Digest(string text)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexString(_doubleHash ? SHA256.HashData(digest) : digest);
    }
}
