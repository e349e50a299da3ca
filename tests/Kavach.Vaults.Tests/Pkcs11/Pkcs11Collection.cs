namespace Kavach.Vaults.Tests.Pkcs11;

/// <summary>
/// The PKCS#11 tests share one SoftHSM2 library state per process (Cryptoki is initialised once per process) and
/// some of them re-initialise it on purpose, so they run one class at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class Pkcs11Collection
{
    public const string Name = "PKCS#11";
}
