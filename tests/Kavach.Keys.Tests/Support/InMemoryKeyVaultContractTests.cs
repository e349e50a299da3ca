using Kavach.Keys.Vault;
using Kavach.Testing.Keys;
using Kavach.Vaults.Tests.Contract;

namespace Kavach.Keys.Tests.Support;

/// <summary>The vault contract, run against the in-memory vault the key-service tests use.</summary>
public sealed class InMemoryKeyVaultContractTests : KeyVaultContractTests
{
    protected override IKeyVault CreateVault() => new InMemoryKeyVault();
}
