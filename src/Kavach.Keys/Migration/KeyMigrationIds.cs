namespace Kavach.Keys.Migration;

/// <summary>The names MOSIP's key migration uses (<c>KeyMigratorConstants</c>), kept so a MOSIP operator finds the same rows.</summary>
public static class KeyMigrationIds
{
    /// <summary>Application id of the temporary key that receives the zero-knowledge pool keys.</summary>
    public const string TempKeyApplicationId = "KEY_MIGRATE";

    /// <summary>Reference id of that temporary key.</summary>
    public const string TempKeyReferenceId = "ZK_TEMP_KEY";

    /// <summary>Common name of the temporary key's self-signed certificate.</summary>
    public const string TempKeyCommonName = "ZKKeysSelfSignedKey";

    /// <summary><c>cr_by</c> of migrated keys (MOSIP writes it on pool keys; Kavach on migrated base keys too).</summary>
    public const string CreatedBy = "System-Migrator";

    /// <summary>How long a temporary key is valid (MOSIP: one day).</summary>
    public static readonly TimeSpan TempKeyValidity = TimeSpan.FromDays(1);
}
