namespace Kavach.Devices.Protocol.Messages;

/// <summary>The body <c>{}</c>: responses that carry only commands and policy (check-in, confirms, results, reports).</summary>
public sealed record EmptyBody : IDownlinkBody
{
    /// <summary>The one instance.</summary>
    public static EmptyBody Instance { get; } = new();
}
