namespace Kavach.Server.Tests.Pkcs11;

/// <summary>
/// Servers on SoftHSM2 share the process's one PKCS#11 library state, and the fault tests re-initialise it on
/// purpose: these classes run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class Pkcs11Collection
{
    public const string Name = "PKCS#11 servers";
}
