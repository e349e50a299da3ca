namespace Kavach.Storage.Audit;

/// <summary>How often one actor used one key for one operation in a window (<c>ATTEMPT</c> records are not counted).</summary>
/// <param name="AppId">Application id the requests named.</param>
/// <param name="RefId">Reference id the requests named.</param>
/// <param name="KeyRef">The key (<c>alias:</c>, <c>thumbprint:</c> or <c>kid:</c>), when recorded.</param>
/// <param name="Actor">Who.</param>
/// <param name="Operation">What.</param>
/// <param name="Count">Records.</param>
/// <param name="Failures">Records whose outcome is not <c>OK</c>.</param>
/// <param name="LastUse">The newest record's time, UTC.</param>
public sealed record KeyUsageCount(
    string? AppId,
    string? RefId,
    string? KeyRef,
    string? Actor,
    string Operation,
    long Count,
    long Failures,
    DateTime LastUse);
