using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Kavach.Crypto.Jose;

/// <summary>The three parts of a compact JWS, with the protected header decoded.</summary>
public sealed class JwsParts
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    internal JwsParts(ParsedJoseHeader header, string encodedHeader, string encodedPayload, ReadOnlyMemory<byte> signature)
    {
        Header = header;
        EncodedHeader = encodedHeader;
        EncodedPayload = encodedPayload;
        Signature = signature;
    }

    /// <summary>The decoded protected header.</summary>
    public ParsedJoseHeader Header { get; }

    /// <summary>Part 0 exactly as received (canonical base64url); it is the start of the signing input.</summary>
    public string EncodedHeader { get; }

    /// <summary>
    /// Part 1 exactly as received, or as replaced by <see cref="WithPayloadPart"/>. Empty for a detached
    /// JWS. With <c>b64=true</c> it is base64url; with <c>b64=false</c> RFC 7797 (and jose4j) read it as
    /// the payload itself, which is how <see cref="JwsCompact.Verify(JwsParts, JwsVerificationKey)"/> uses it.
    /// </summary>
    public string EncodedPayload { get; }

    /// <summary>The decoded signature (part 2).</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>True when part 1 is empty (the payload travels separately).</summary>
    public bool IsDetached => EncodedPayload.Length == 0;

    /// <summary>
    /// A copy with part 1 replaced, as MOSIP's <c>jwtVerify</c> does with <c>actualData</c>: for a
    /// <c>b64=true</c> token pass the base64url payload, for a <c>b64=false</c> token the payload text itself.
    /// </summary>
    public JwsParts WithPayloadPart(string payloadPart)
    {
        ArgumentNullException.ThrowIfNull(payloadPart);
        return new JwsParts(Header, EncodedHeader, payloadPart, Signature);
    }

    /// <summary>
    /// The payload carried in part 1: base64url-decoded when <c>b64=true</c>, the UTF-8 bytes of the part
    /// when <c>b64=false</c>. False for a detached token or a part that is not canonical base64url.
    /// </summary>
    /// <remarks>
    /// Tokens from MOSIP's <c>jwsSign</c> (and <see cref="JwsCompact.Sign"/>) with <c>b64=false</c> and an
    /// included payload carry base64url in part 1 even so; decode those with <see cref="Base64Url"/>.
    /// </remarks>
    public bool TryGetPayload([NotNullWhen(true)] out byte[]? payload)
    {
        payload = null;
        if (IsDetached)
        {
            return false;
        }

        if (Header.B64)
        {
            if (!CompactSerialization.TryDecode(EncodedPayload, out byte[] decoded))
            {
                return false;
            }

            payload = decoded;
            return true;
        }

        return TryGetUtf8(EncodedPayload, out payload);
    }

    /// <summary>The bytes part 1 contributes to the signing input, or null when they cannot be formed.</summary>
    internal byte[]? SigningInputPayload()
    {
        if (Header.B64)
        {
            // The signing input is the ASCII of the base64url text; refusing non-canonical text keeps one
            // payload to one accepted spelling.
            return CompactSerialization.IsCanonical(EncodedPayload) ? CompactSerialization.Ascii(EncodedPayload) : null;
        }

        return TryGetUtf8(EncodedPayload, out byte[]? raw) ? raw : null;
    }

    private static bool TryGetUtf8(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        try
        {
            bytes = StrictUtf8.GetBytes(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            // A lone surrogate has no UTF-8 form; Java would substitute '?', we refuse.
            bytes = null;
            return false;
        }
    }
}
