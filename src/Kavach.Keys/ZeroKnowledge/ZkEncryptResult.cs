namespace Kavach.Keys.ZeroKnowledge;

/// <summary>The result of <c>zkEncrypt</c>: encrypted attributes, the random key for the recipients, and its pool index.</summary>
public sealed record ZkEncryptResult(IReadOnlyList<ZkAttribute> Attributes, string EncryptedRandomKey, string RandomKeyIndex);
