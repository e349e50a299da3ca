namespace Kavach.Devices.Deregistration;

/// <summary>The <see cref="DeregistrationRecord.Outcome"/> values, the certificate revocation reasons, and the hook reason codes.</summary>
public static class DeregistrationOutcomes
{
    /// <summary>The device acknowledged with its zeroisation proof.</summary>
    public const string Acknowledged = "acknowledged";

    /// <summary>No acknowledgement before the deadline: revoked anyway.</summary>
    public const string Overdue = "overdue";

    /// <summary>The approver rejected the request.</summary>
    public const string Rejected = "rejected";

    /// <summary>An administrator declared the device compromised while its de-registration was open.</summary>
    public const string Compromised = "compromised";

    /// <summary>The device had left Deregistering when the deadline passed (compromised meanwhile): the request is closed, nothing more revoked.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>RFC 5280 reason of a de-registration.</summary>
    public const string CessationOfOperation = "cessationOfOperation";

    /// <summary>RFC 5280 reason of a compromise.</summary>
    public const string KeyCompromise = "keyCompromise";

    /// <summary>Hook reason code (PMS deactivation) of a de-registration.</summary>
    public const string HookDeregistered = "deregistered";

    /// <summary>Hook reason code of a compromise.</summary>
    public const string HookCompromised = "compromised";
}
