namespace Kavach.Keys.Migration;

/// <summary>One pool key to migrate: its index and the raw key RSA-OAEP-SHA256-encrypted to the temporary certificate, base64url.</summary>
/// <param name="KeyIndex">The pool index (null when the caller sent none).</param>
/// <param name="EncryptedKeyData">The encrypted key (null when the caller sent none).</param>
public sealed record ZkKeyMigrationItem(int? KeyIndex, string? EncryptedKeyData);
