namespace Kavach.Devices.Deregistration;

/// <summary>How long a de-registering device has to acknowledge, and how its <c>deregister</c> command is offered (spec §4.10).</summary>
public sealed record DeregistrationOptions
{
    /// <summary>After approval, the certificate is revoked without an acknowledgement once this has passed (spec: 7 days).</summary>
    public TimeSpan AckDeadline { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How often the <c>deregister</c> command is handed out again while no result comes back (it expires at the deadline).</summary>
    public int CommandMaxAttempts { get; init; } = 100;

    /// <summary>Overdue de-registrations handled per call of <see cref="DeregistrationService.RevokeOverdueAsync"/>.</summary>
    public int OverdueBatch { get; init; } = 200;

    /// <summary>Longest reason an administrator may give (it is sent to the device; the catalogue allows 256).</summary>
    public const int MaxReasonLength = 200;

    /// <summary>Throws when a value is out of range.</summary>
    public DeregistrationOptions Validate()
    {
        if (AckDeadline <= TimeSpan.Zero || AckDeadline > TimeSpan.FromDays(90))
        {
            throw new InvalidOperationException("The de-registration acknowledgement deadline must be between 0 and 90 days.");
        }

        if (CommandMaxAttempts < 1 || OverdueBatch < 1)
        {
            throw new InvalidOperationException("De-registration command attempts and the overdue batch must be positive.");
        }

        return this;
    }
}
