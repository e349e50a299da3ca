using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kavach.Crypto;

namespace Kavach.Keys.Management;

/// <summary>MOSIP's <c>uni_ident</c> and key id (<c>kid</c>) derivations (spec §3.9).</summary>
public static class UniqueIdentifiers
{
    /// <summary><c>uniqueValue</c> of a generated key: <c>appId_refId_MM-dd-yyyy</c>.</summary>
    public static string GeneratedValue(string appId, string refId, DateTime generatedAt) =>
        $"{appId}_{refId}_{generatedAt.ToString("MM-dd-yyyy", CultureInfo.InvariantCulture)}";

    /// <summary><c>uniqueValue</c> of an uploaded other-domain certificate: <c>appId_refId_thumbprint</c>.</summary>
    public static string OtherDomainValue(string appId, string refId, string thumbprintHex) => $"{appId}_{refId}_{thumbprintHex}";

    /// <summary><c>uni_ident</c> = UPPER(hex(SHA-1(uniqueValue))).</summary>
    /// <remarks>SHA-1 is MOSIP's identifier derivation, not a security mechanism; the kid depends on it.</remarks>
#pragma warning disable CA5350
    public static string Compute(string uniqueValue) => Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(uniqueValue)));
#pragma warning restore CA5350

    /// <summary><c>kid</c> = base64url(SHA-256(hexDecode(uni_ident))).</summary>
    public static string KeyId(string uniqueIdentifier) => Base64Url.Encode(SHA256.HashData(Convert.FromHexString(uniqueIdentifier)));
}
