namespace Kavach.Keys.Migration;

/// <summary>The outcome of one pool key: its index and one of the <see cref="KeyMigrationStatus"/> texts.</summary>
public sealed record ZkKeyMigrationResult(int? KeyIndex, string Status);
