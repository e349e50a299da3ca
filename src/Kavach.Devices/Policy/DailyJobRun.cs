namespace Kavach.Devices.Policy;

/// <summary>One day's run of a daily job (table <c>device_job_run</c>).</summary>
/// <param name="JobName">The job (<c>device-policy</c>).</param>
/// <param name="Day">The UTC day it ran for.</param>
/// <param name="Node">The replica that claimed it.</param>
/// <param name="StartedAt">When it was claimed.</param>
/// <param name="CompletedAt">When it ended, or null while running (or when its node died).</param>
/// <param name="Outcome"><c>OK</c>, <c>ERROR</c>, or null while running.</param>
/// <param name="Summary">The report's counts.</param>
public sealed record DailyJobRun(
    string JobName,
    DateOnly Day,
    string Node,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    string? Outcome,
    string? Summary);
