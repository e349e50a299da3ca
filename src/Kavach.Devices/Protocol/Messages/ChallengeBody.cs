namespace Kavach.Devices.Protocol.Messages;

/// <summary>Body of a <c>challenge</c> response (spec §4.4, §4.5 step 1): a single-use enrolment nonce and signed time.</summary>
/// <param name="Nonce">Base64url of 32 random bytes.</param>
/// <param name="ServerTime">The server's clock (ISO 8601 UTC, milliseconds).</param>
/// <param name="Expires">When the nonce expires (five minutes later).</param>
public sealed record ChallengeBody(
    string Nonce,
    string ServerTime,
    string Expires) : IDownlinkBody;
