using Kavach.Vaults.Tests.Contract;
using Kavach.Keys.Vault;
using Kavach.Testing;

namespace Kavach.Vaults.Tests.Pkcs11;

/// <summary>The vault contract on a SoftHSM2 token: the same suite the PKCS#12 vault passes.</summary>
[Collection(Pkcs11Collection.Name)]
public sealed class Pkcs11VaultContractTests : KeyVaultContractTests
{
    protected override IKeyVault CreateVault()
    {
        var token = SoftHsm.SharedTokenAsync().GetAwaiter().GetResult();
        return Pkcs11Vault.Open(token.Options(), TimeProvider.System);
    }
}
