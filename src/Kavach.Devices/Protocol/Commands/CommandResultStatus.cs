namespace Kavach.Devices.Protocol.Commands;

/// <summary>The statuses a device reports in <c>cmd-result</c> (spec §4.6, AWS Jobs-like).</summary>
public static class CommandResultStatus
{
    /// <summary>The command ran.</summary>
    public const string Succeeded = "SUCCEEDED";

    /// <summary>The command ran and failed.</summary>
    public const string Failed = "FAILED";

    /// <summary>The device refused it (unknown kind, bad arguments, expired): it never ran.</summary>
    public const string Rejected = "REJECTED";

    /// <summary>True for one of the three.</summary>
    public static bool IsValid(string? status) => status is Succeeded or Failed or Rejected;
}
