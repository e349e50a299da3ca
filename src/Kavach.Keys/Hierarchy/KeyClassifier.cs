namespace Kavach.Keys.Hierarchy;

/// <summary>Classifies (appId, refId) pairs the way MOSIP's key manager does (spec §4.1, §4.4).</summary>
public static class KeyClassifier
{
    /// <summary>The class of keys addressed by (appId, refId).</summary>
    public static KeyClass Classify(string appId, string refId)
    {
        if (refId.Length == 0)
        {
            return appId == KeyIds.Root ? KeyClass.Root : KeyClass.Master;
        }

        if (KeyIds.IsKernelSign(appId, refId) || refId == KeyIds.Sign)
        {
            return KeyClass.DataSign;
        }

        return refId switch
        {
            KeyIds.EcSecp256k1Sign or KeyIds.EcSecp256r1Sign => KeyClass.EcSign,
            KeyIds.Ed25519Sign => KeyClass.Ed25519Sign,
            _ => KeyClass.Base,
        };
    }

    /// <summary>True when the private key lives in the vault (ROOT, masters, data-signing and EC signing keys).</summary>
    public static bool IsVaultHeld(KeyClass keyClass) => keyClass is KeyClass.Root or KeyClass.Master or KeyClass.EcSign or KeyClass.DataSign;
}
