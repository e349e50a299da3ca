namespace Kavach.Devices.Policy;

/// <summary>
/// The daily jobs' run table (<c>device_job_run</c>): one row per job and UTC day. Inserting the day's row is the
/// leader election: the database's primary key lets exactly one replica win, on SQLite and PostgreSQL alike.
/// </summary>
public interface IDailyJobRunStore
{
    /// <summary>Claims <paramref name="day"/>'s run of <paramref name="jobName"/> for <paramref name="node"/>; false when any node (this one included) claimed it already.</summary>
    Task<bool> TryClaimRunAsync(string jobName, DateOnly day, string node, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records how a claimed run ended (<paramref name="outcome"/> <c>OK</c> or <c>ERROR</c>, a short non-secret summary).</summary>
    Task CompleteRunAsync(string jobName, DateOnly day, string outcome, string summary, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The run of that day, or null when none was claimed.</summary>
    Task<DailyJobRun?> GetRunAsync(string jobName, DateOnly day, CancellationToken cancellationToken);
}
