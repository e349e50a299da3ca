namespace Kavach.Storage.Audit;

/// <summary>Which key use to count: a time window, the operations that use or change keys, optional filters.</summary>
/// <param name="From">Start of the window, inclusive (UTC).</param>
/// <param name="To">End of the window, exclusive (UTC).</param>
/// <param name="Operations">The audit operations counted (key use and key lifecycle).</param>
/// <param name="AppId">Only this application id.</param>
/// <param name="RefId">Only this reference id.</param>
/// <param name="Actor">Only this actor.</param>
/// <param name="Limit">At most this many groups, most used first.</param>
public sealed record KeyUsageQuery(
    DateTime From,
    DateTime To,
    IReadOnlyCollection<string> Operations,
    string? AppId,
    string? RefId,
    string? Actor,
    int Limit);
