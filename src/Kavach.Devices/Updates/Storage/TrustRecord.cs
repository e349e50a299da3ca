namespace Kavach.Devices.Updates.Storage;

/// <summary>A published <c>trust.json</c> (table <c>device_update_trust</c>); the highest version is served.</summary>
/// <param name="Version">The document's version (primary key).</param>
/// <param name="Expires">The document's expiry.</param>
/// <param name="Document">The signed document exactly as the operator published it (UTF-8 JSON).</param>
/// <param name="PublishedBy">The administrator who published it.</param>
/// <param name="PublishedAt">When.</param>
public sealed record TrustRecord(long Version, DateTimeOffset Expires, string Document, string PublishedBy, DateTimeOffset PublishedAt);
