using Kavach.Trust.Storage;

namespace Kavach.Storage;

/// <summary>The partner trust store's repository on the key store's database.</summary>
public static class TrustStores
{
    /// <summary>
    /// A store of its own (<see cref="KeyStores.Create"/>: its own pool, opened at first use) seen as the trust
    /// repository. Prefer the store the host already has (<see cref="IKavachStore"/> is an
    /// <see cref="ITrustRepository"/>, and <see cref="StorageServiceCollectionExtensions.AddKavachStore"/> registers it
    /// as one): that shares one pool. Kept for hosts not yet composed through DI.
    /// </summary>
    /// <exception cref="StoreConfigurationException">The options cannot work.</exception>
    public static ITrustRepository Open(StoreOptions options) => KeyStores.Create(options, TimeProvider.System);
}
