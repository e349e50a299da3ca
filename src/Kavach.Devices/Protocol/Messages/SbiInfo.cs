namespace Kavach.Devices.Protocol.Messages;

/// <summary>The SBI versions a device reports.</summary>
/// <param name="SpecVersion">SBI specification versions supported.</param>
/// <param name="ServiceVersion">SBI service version.</param>
public sealed record SbiInfo(
    IReadOnlyList<string> SpecVersion,
    string ServiceVersion);
