namespace Kavach.Keys.Audit;

/// <summary>A key a service generated inside an <see cref="AuditScope"/>.</summary>
/// <param name="AliasId">The new key's alias.</param>
/// <param name="AppId">Its application id.</param>
/// <param name="RefId">Its reference id.</param>
/// <param name="Rotation">True when the pair had keys before (an expiry or forced rotation), false for a first key.</param>
public sealed record GeneratedKey(string AliasId, string AppId, string RefId, bool Rotation);
