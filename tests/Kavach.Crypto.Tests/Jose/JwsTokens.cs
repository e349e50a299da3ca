using System.Text;
using Kavach.Crypto.Jose;

namespace Kavach.Crypto.Tests.Jose;

/// <summary>Tokens and checks shared by the JWS tests.</summary>
internal static class JwsTokens
{
    public static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"iss":"kavach","sub":"ünïcødé","n":[1,2,3]}""");

    public static int ExpectedSignatureLength(JwsAlgorithm algorithm) =>
        algorithm is JwsAlgorithm.RS256 or JwsAlgorithm.PS256 ? 256 : 64;

    public static bool Verifies(string token, JwsVerificationKey key) =>
        JwsCompact.TryParse(token, out JwsParts? parts) && JwsCompact.Verify(parts, key);

    public static JwsParts Parse(string token)
    {
        Assert.True(JwsCompact.TryParse(token, out JwsParts? parts));
        return parts;
    }

    public static string SignWith(JwsAlgorithm algorithm)
    {
        JoseTestKey key = JoseTestKeys.For(algorithm);
        return JwsCompact.Sign(new JoseHeader().Add("alg", key.Alg), Payload, true, true, key.Signer);
    }

    public static string Relabel(string token, string alg)
    {
        string[] parts = token.Split('.');
        parts[0] = B64.Url($$"""{"alg":"{{alg}}"}""");
        return string.Join('.', parts);
    }

    /// <summary>Builds a token by hand so that headers Sign would refuse can still be tested at verification.</summary>
    public static string SignedRawHeader(JoseTestKey key, string headerJson, bool raw)
    {
        string encodedHeader = B64.Url(headerJson);
        string payloadPart = raw ? "raw-payload" : B64.Url(Payload);
        byte[] signature = key.Signer(Encoding.UTF8.GetBytes(encodedHeader + "." + payloadPart));
        return encodedHeader + "." + payloadPart + "." + B64.Url(signature);
    }
}
