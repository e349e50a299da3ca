namespace Kavach.Keys.ZeroKnowledge;

/// <summary>One identity attribute: its name and its value (plain or ZK-encrypted).</summary>
public sealed record ZkAttribute(string? Identifier, string? Value);
