namespace Kavach.PartnerChannel;

/// <summary>The two wire profiles of the partner channel (docs/partner-channel.md).</summary>
public enum ChannelProfile
{
    /// <summary>Byte-compatible with MOSIP IDA: detached JWS <c>signature</c> header, optional field-level encryption.</summary>
    Mosip,

    /// <summary>RFC 9421 signatures bound to the request, JWE bodies both ways.</summary>
    Kavach,
}
