namespace Kavach.Devices.Policy;

/// <summary>What one day's policy run did (counts only; per-device events are in the audit trail).</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="DevicesChecked">Active devices looked at.</param>
/// <param name="RotationsDue">Devices newly flagged for rotation.</param>
/// <param name="Expired">Devices moved to Expired.</param>
/// <param name="Stale">Active devices without a check-in for longer than the stale limit.</param>
/// <param name="UnconfirmedRevoked">Pending certificates revoked for want of a confirm.</param>
/// <param name="CommandsSettled">Overdue commands re-queued or timed out (rotations past their deadline among them).</param>
/// <param name="ExpiryWarnings">Device CA, FTM root and server signing certificates near their end.</param>
/// <param name="CrlNumber">The CRL published, or null when publishing failed.</param>
/// <param name="Failures">Steps that failed (their names), empty when all ran.</param>
public sealed record DailyPolicyReport(
    DateOnly Day,
    int DevicesChecked,
    int RotationsDue,
    int Expired,
    int Stale,
    int UnconfirmedRevoked,
    int CommandsSettled,
    IReadOnlyList<string> ExpiryWarnings,
    long? CrlNumber,
    IReadOnlyList<string> Failures)
{
    /// <summary>What each step added by another area (<see cref="IDailyPolicyStep"/>) changed, by step name.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Steps { get; init; } = [];

    /// <summary>The report as <c>name=value</c> pairs for the audit detail and the run table.</summary>
    public string Summary =>
        $"devices={DevicesChecked} rotationDue={RotationsDue} expired={Expired} stale={Stale} unconfirmedRevoked={UnconfirmedRevoked} " +
        $"commandsSettled={CommandsSettled} expiryWarnings={ExpiryWarnings.Count} crl={(CrlNumber is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}" +
        string.Concat(Steps.Select(step => $" {step.Key}={step.Value}")) +
        (Failures.Count == 0 ? string.Empty : " failed=" + string.Join(',', Failures));
}
