namespace Kavach.PartnerChannel.Internal;

/// <summary>The kavach profile's header names (HTTP spelling, and the lower-case component names).</summary>
internal static class KavachHeaders
{
    public const string ContentDigest = "Content-Digest";
    public const string SignatureInput = "Signature-Input";
    public const string Signature = "Signature";
    public const string ContentDigestName = "content-digest";
    public const string SignatureName = "signature";
}
