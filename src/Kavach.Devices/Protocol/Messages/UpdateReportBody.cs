namespace Kavach.Devices.Protocol.Messages;

/// <summary>Body of <c>update-report</c> (spec §4.9 step 6).</summary>
/// <param name="ReleaseCounter">The release counter now installed (or attempted).</param>
/// <param name="FirmwareVersion">The firmware version now running.</param>
/// <param name="Status"><c>INSTALLED</c>, <c>FAILED</c>, <c>REVERTED</c> or <c>STALE</c>.</param>
/// <param name="Nonce">A fresh device nonce (base64url of 32 bytes).</param>
public sealed record UpdateReportBody(
    long ReleaseCounter,
    string FirmwareVersion,
    string Status,
    string Nonce) : IUplinkBody;
