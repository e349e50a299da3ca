namespace Kavach.PartnerChannel;

/// <summary>Options of the service side of the partner channel (the middleware).</summary>
public sealed class PartnerChannelServiceOptions
{
    /// <summary>The profile partners must speak.</summary>
    public ChannelProfile Profile { get; set; } = ChannelProfile.Mosip;

    /// <summary>How far a request's time may be from the service clock, either way.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest request body accepted; larger ones get 413 <c>KER-PCH-002</c>.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Our application id (whose <c>SIGN</c> and encryption keys answer partners), e.g. <c>IDA</c>.</summary>
    public string ApplicationId { get; set; } = "IDA";
}
