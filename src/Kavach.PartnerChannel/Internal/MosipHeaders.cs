namespace Kavach.PartnerChannel.Internal;

/// <summary>The mosip profile's header names.</summary>
internal static class MosipHeaders
{
    public const string Signature = "signature";
    public const string ResponseSignature = "response-signature";
}
