using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Protocol;

/// <summary>What a device message says; <see cref="UplinkWriter"/> adds <c>ver</c>, <c>kind</c> (from the body), <c>jti</c> and <c>timestamp</c>.</summary>
/// <param name="Audience">The exact endpoint URL.</param>
/// <param name="SerialNo">The device serial.</param>
/// <param name="Seq">The next sequence number (the device persists it; +1 per message).</param>
/// <param name="DigitalId">The signed digital id (<see cref="DigitalIds.SignedDigitalId"/>).</param>
/// <param name="Body">The body; its type fixes the kind.</param>
/// <param name="MgmtId">The management id, once enrolled.</param>
public sealed record UplinkDraft(string Audience, string SerialNo, long Seq, string DigitalId, IUplinkBody Body, string? MgmtId = null);
