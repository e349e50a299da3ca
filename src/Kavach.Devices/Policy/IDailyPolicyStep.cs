namespace Kavach.Devices.Policy;

/// <summary>
/// A step another area adds to the daily policy run (de-registrations past their deadline, say): it runs once a day on
/// the replica that claimed the day, after the job's own device and command steps; a failing step is reported and does
/// not keep the others from running.
/// </summary>
public interface IDailyPolicyStep
{
    /// <summary>The step's name in the report (<c>name=count</c>) and in its failures.</summary>
    string Name { get; }

    /// <summary>Does the step's work; returns how many items it changed.</summary>
    Task<int> RunAsync(CancellationToken cancellationToken);
}
