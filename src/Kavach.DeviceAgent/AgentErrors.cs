namespace Kavach.DeviceAgent;

/// <summary>The agent's error codes (printed by the command line, written to the local log; never a stack trace).</summary>
public static class AgentErrors
{
    /// <summary>No device state in the directory.</summary>
    public const string NoDevice = "AGT-001";

    /// <summary>A state file is damaged.</summary>
    public const string StateUnreadable = "AGT-002";

    /// <summary>The command does not fit the device's phase (e.g. check-in before enrolment).</summary>
    public const string WrongPhase = "AGT-003";

    /// <summary>The server could not be reached (network, TLS handshake).</summary>
    public const string Unreachable = "AGT-004";

    /// <summary>The server is not the pinned one (CA, SPKI pin) or its response failed the checks.</summary>
    public const string ImpostorServer = "AGT-005";

    /// <summary>The server refused the request (its error code is in the message).</summary>
    public const string ServerRefused = "AGT-006";

    /// <summary>Bad command-line input or configuration.</summary>
    public const string BadInput = "AGT-007";

    /// <summary>The key store (TPM) is missing or unusable.</summary>
    public const string KeyStore = "AGT-008";

    /// <summary>The device's clock has no trusted time, or the server's time was refused.</summary>
    public const string Time = "AGT-009";

    /// <summary>The L0 enrolment waits for an administrator's approval.</summary>
    public const string AwaitingApproval = "AGT-010";

    /// <summary>An update was refused or failed.</summary>
    public const string Update = "AGT-011";
}
