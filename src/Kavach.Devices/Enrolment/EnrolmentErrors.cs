using Kavach.Keys.Errors;

namespace Kavach.Devices.Enrolment;

/// <summary>
/// Enrolment's codes (<c>KER-DEV-040</c>–<c>059</c>). Every refused enrolment, confirm or re-enrolment is the one
/// <see cref="EnrolmentRefused"/>, so a device (or an attacker) learns nothing about which check failed; the reason goes
/// to the audit record and a debug log.
/// </summary>
public static class EnrolmentErrors
{
    /// <summary>The one answer to an enrolment message that fails any check.</summary>
    public static readonly KavachError EnrolmentRefused = new("KER-DEV-040", "Enrolment refused.");

    /// <summary>The vault, the database or the device CA is not available: nothing is accepted until they are.</summary>
    public static readonly KavachError NotAvailable = new("KER-DEV-041", "Enrolment not available.");

    /// <summary>An L0 enrolment is recorded and waits for an administrator's approval; the device asks again later.</summary>
    public static readonly KavachError AwaitingApproval = new("KER-DEV-042", "Enrolment awaits an administrator's approval.");

    /// <summary>Administrator action: no L0 enrolment request waits for this serial.</summary>
    public static readonly KavachError NoPendingRequest = new("KER-DEV-043", "No enrolment request waits for approval for this device.");
}
