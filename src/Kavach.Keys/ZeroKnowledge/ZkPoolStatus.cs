namespace Kavach.Keys.ZeroKnowledge;

/// <summary>What <c>kavach zk pool status</c> shows.</summary>
public sealed record ZkPoolStatus(int ActiveKeys, string? MasterAlias, DateTime? MasterExpiresAt);
