namespace Kavach.Devices.Updates.Storage;

/// <summary>A staged rollout of one release to one make/model (table <c>device_rollout</c>); <see cref="Version"/> makes every state change conditional.</summary>
/// <param name="RolloutId">UUID (primary key).</param>
/// <param name="ReleaseCounter">The release rolled out.</param>
/// <param name="HardwareId">The target <c>make/model</c>.</param>
/// <param name="GroupPercents">Cumulative group sizes in percent of the target devices, ascending, the last 100 (e.g. 10, 50, 100).</param>
/// <param name="SuccessThresholdPercent">Share of a group that must report success before the next group starts.</param>
/// <param name="ErrorThresholdPercent">Share of a group whose failures abort the rollout.</param>
/// <param name="State">The state.</param>
/// <param name="CurrentGroup">Index of the last group reached (0-based).</param>
/// <param name="CreatedBy">The administrator who created it.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="ApprovalId">The four-eyes approval request, once requested.</param>
/// <param name="ApprovedBy">The second administrator who approved (or rejected) it.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="Version">Row version.</param>
public sealed record RolloutRecord(
    string RolloutId,
    long ReleaseCounter,
    string HardwareId,
    IReadOnlyList<int> GroupPercents,
    int SuccessThresholdPercent,
    int ErrorThresholdPercent,
    RolloutState State,
    int CurrentGroup,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? ApprovalId,
    string? ApprovedBy,
    DateTimeOffset UpdatedAt,
    long Version);
