using System.Diagnostics.CodeAnalysis;

namespace Kavach.Crypto.Jose;

/// <summary>Conversions between <see cref="JwsAlgorithm"/> and the JOSE <c>alg</c> header value.</summary>
public static class JwsAlgorithms
{
    /// <summary>The <c>alg</c> header value, e.g. <c>"ES256K"</c> or <c>"EdDSA"</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="JwsAlgorithm"/>.</exception>
    public static string ToHeaderName(this JwsAlgorithm algorithm) => algorithm switch
    {
        JwsAlgorithm.RS256 => "RS256",
        JwsAlgorithm.PS256 => "PS256",
        JwsAlgorithm.ES256 => "ES256",
        JwsAlgorithm.ES256K => "ES256K",
        JwsAlgorithm.EdDSA => "EdDSA",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>
    /// Maps an <c>alg</c> header value to an algorithm. The comparison is exact and case-sensitive, as
    /// JOSE requires; everything else (<c>none</c>, <c>HS256</c>, <c>rs256</c>, null) gives false.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? headerName, out JwsAlgorithm algorithm)
    {
        switch (headerName)
        {
            case "RS256":
                algorithm = JwsAlgorithm.RS256;
                return true;
            case "PS256":
                algorithm = JwsAlgorithm.PS256;
                return true;
            case "ES256":
                algorithm = JwsAlgorithm.ES256;
                return true;
            case "ES256K":
                algorithm = JwsAlgorithm.ES256K;
                return true;
            case "EdDSA":
                algorithm = JwsAlgorithm.EdDSA;
                return true;
            default:
                algorithm = default;
                return false;
        }
    }

    /// <summary>Fixed signature length for the EC and Edwards algorithms; 0 for RSA (it is the modulus length).</summary>
    internal static int FixedSignatureLength(JwsAlgorithm algorithm) =>
        algorithm is JwsAlgorithm.ES256 or JwsAlgorithm.ES256K or JwsAlgorithm.EdDSA ? 64 : 0;
}
