namespace Kavach.Keys.Storage;

/// <summary>One row of <c>key_policy_def</c>: validity and rotation window of an application's keys.</summary>
/// <param name="AppId">Application id, or <c>BASE</c> for the base-key pre-expiry window.</param>
/// <param name="ValidityDays">Key validity in days.</param>
/// <param name="PreExpireDays">Days before expiry from which a key is no longer "current".</param>
/// <param name="IsActive">Inactive policies block key generation.</param>
/// <param name="AccessAllowed"><c>NA</c> (anyone) or a comma-separated list of user names.</param>
public sealed record KeyPolicy(string AppId, int ValidityDays, int PreExpireDays, bool IsActive, string? AccessAllowed);
