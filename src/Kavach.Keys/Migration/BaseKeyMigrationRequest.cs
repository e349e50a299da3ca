namespace Kavach.Keys.Migration;

/// <summary>A base key exported by the old key manager and re-wrapped for this one (MOSIP's KeyMigrateBaseKeyRequestDto).</summary>
/// <param name="AppId">Application id.</param>
/// <param name="RefId">Reference id (not blank: master keys stay in their HSM).</param>
/// <param name="EncryptedKeyData">The PKCS#8 key wrapped for this key manager's current master key of <paramref name="AppId"/> (spec §3.4).</param>
/// <param name="CertificatePem">The key's certificate, as the old key manager served it.</param>
/// <param name="NotBefore">Start of validity from the old <c>key_alias</c>, UTC.</param>
/// <param name="NotAfter">End of validity from the old <c>key_alias</c>, UTC.</param>
public sealed record BaseKeyMigrationRequest(
    string AppId,
    string RefId,
    string EncryptedKeyData,
    string CertificatePem,
    DateTime NotBefore,
    DateTime NotAfter);
