using System.Text.Json;

namespace Kavach.Devices.Protocol.Messages;

/// <summary>Body of <c>cmd-result</c> (spec §4.6): a command's result, idempotent on <paramref name="CmdId"/>.</summary>
/// <param name="CmdId">The command answered.</param>
/// <param name="Status"><c>SUCCEEDED</c>, <c>FAILED</c> or <c>REJECTED</c> (<see cref="Commands.CommandResultStatus"/>).</param>
/// <param name="Result">The result object (e.g. device information, redacted logs), when there is one.</param>
public sealed record CommandResultBody(
    string CmdId,
    string Status,
    JsonElement? Result = null) : IUplinkBody;
