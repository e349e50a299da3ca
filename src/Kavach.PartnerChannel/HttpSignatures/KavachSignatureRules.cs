using Kavach.Crypto;

namespace Kavach.PartnerChannel.HttpSignatures;

/// <summary>
/// What the <c>kavach</c> profile requires of its RFC 9421 signatures (docs/partner-channel.md): label <c>sig1</c>,
/// the covered components and every parameter the contract names, nothing it does not.
/// </summary>
internal static class KavachSignatureRules
{
    public const string Label = "sig1";
    public const string Algorithm = "rsa-v1_5-sha256";
    public const string RequestTag = "kavach-request";
    public const string ResponseTag = "kavach-response";
    public const int MinNonceLength = 16;
    public const int MaxNonceLength = 64;

    private static readonly IReadOnlyList<SfParameter> NoParameters = [];
    private static readonly SfParameter Req = new("req", true);

    /// <summary>The request signature to sign (its <see cref="HttpSignatureInput.Signature"/> empty).</summary>
    public static HttpSignatureInput RequestInput(long created, string nonce, string keyId) =>
        new(Label,
            [new SfItem("@method", NoParameters), new SfItem("@target-uri", NoParameters), new SfItem("content-digest", NoParameters)],
            [new SfParameter("created", created), new SfParameter("nonce", nonce), new SfParameter("keyid", keyId),
             new SfParameter("alg", Algorithm), new SfParameter("tag", RequestTag)],
            []);

    /// <summary>The response signature to sign (its <see cref="HttpSignatureInput.Signature"/> empty).</summary>
    public static HttpSignatureInput ResponseInput(long created, string keyId) =>
        new(Label,
            [new SfItem("@status", NoParameters), new SfItem("content-digest", NoParameters),
             new SfItem("@method", [Req]), new SfItem("@target-uri", [Req]),
             new SfItem("signature", [Req, new SfParameter("key", Label)])],
            [new SfParameter("created", created), new SfParameter("keyid", keyId),
             new SfParameter("alg", Algorithm), new SfParameter("tag", ResponseTag)],
            []);

    /// <summary>
    /// Null when <paramref name="signature"/> is an acceptable request signature, else the reason. Checks the shape
    /// only; the caller checks <c>keyid</c>, <c>created</c>, the digest and the signature itself.
    /// </summary>
    public static string? CheckRequest(HttpSignatureInput signature)
    {
        if (!Covers(signature, "@method", req: false) || !Covers(signature, "@target-uri", req: false) || !Covers(signature, "content-digest", req: false))
        {
            return "signature does not cover @method, @target-uri and content-digest";
        }

        string? parameters = CheckParameters(signature, RequestTag, nonceRequired: true);
        return parameters;
    }

    /// <summary>Null when <paramref name="signature"/> is an acceptable response signature, else the reason.</summary>
    public static string? CheckResponse(HttpSignatureInput signature)
    {
        if (!Covers(signature, "@status", req: false) || !Covers(signature, "content-digest", req: false)
            || !Covers(signature, "@method", req: true) || !Covers(signature, "@target-uri", req: true)
            || !CoversRequestSignature(signature))
        {
            return "response signature does not cover @status, content-digest and the request's @method, @target-uri and signature";
        }

        return CheckParameters(signature, ResponseTag, nonceRequired: false);
    }

    private static string? CheckParameters(HttpSignatureInput signature, string tag, bool nonceRequired)
    {
        bool hasNonce = false;
        foreach (SfParameter parameter in signature.Parameters)
        {
            switch (parameter.Name)
            {
                case "created" when parameter.Value is long:
                case "keyid" when parameter.Value is string { Length: > 0 }:
                case "alg" when parameter.Value is Algorithm:
                case "tag" when parameter.Value is string value && value == tag:
                    break;
                case "nonce" when parameter.Value is string nonce && IsNonce(nonce):
                    hasNonce = true;
                    break;
                default:
                    return "signature parameter missing, malformed or not allowed: " + parameter.Name;
            }
        }

        bool complete = signature.Parameter("created") is not null && signature.Parameter("keyid") is not null
            && signature.Parameter("alg") is not null && signature.Parameter("tag") is not null;
        return complete && (hasNonce || !nonceRequired) ? null : "signature parameters incomplete";
    }

    private static bool IsNonce(string nonce)
    {
        if (nonce.Length is < MinNonceLength or > MaxNonceLength)
        {
            return false;
        }

        foreach (char c in nonce)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Covers(HttpSignatureInput signature, string name, bool req)
    {
        foreach (SfItem component in signature.Components)
        {
            if (component.Value is string value && value == name
                && component.Parameters.Count == (req ? 1 : 0)
                && (!req || component.Parameter("req") is true))
            {
                return true;
            }
        }

        return false;
    }

    private static bool CoversRequestSignature(HttpSignatureInput signature)
    {
        foreach (SfItem component in signature.Components)
        {
            if (component.Value is "signature" && component.Parameters.Count == 2
                && component.Parameter("req") is true && component.Parameter("key") is Label)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A fresh nonce: 16 random bytes, base64url (22 characters).</summary>
    public static string NewNonce() => Base64Url.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
