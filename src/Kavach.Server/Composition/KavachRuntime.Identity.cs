using Kavach.Keys.ClientCrypto;
using Kavach.Keys.TokenIds;
using Kavach.Keys.ZeroKnowledge;

using Kavach.Keys.Signatures;
using Kavach.Hosting.Files;

namespace Kavach.Server.Composition;

/// <summary>The identity-data services: zero-knowledge encryption, token IDs and client crypto.</summary>
public sealed partial class KavachRuntime
{
    private ZkKeyPool? _zkPool;
    private ZkCryptoService? _zk;
    private object? _tokenIdsGate;
    private TokenIdGenerator? _tokenIds;
    private ClientCryptoService? _clientCrypto;

    /// <summary>The ZK key pool.</summary>
    public ZkKeyPool ZkPool => LazyInitializer.EnsureInitialized(ref _zkPool, () =>
        new ZkKeyPool(Store, (IZkKeyPoolStore)Store, Vault, Ring, Options.ZeroKnowledge));

    /// <summary>zkEncrypt / zkDecrypt / zkReEncryptRandomKey.</summary>
    public ZkCryptoService Zk => LazyInitializer.EnsureInitialized(ref _zk, () =>
        new ZkCryptoService(ZkPool, Ring, Store, SessionKeys, Options.ZeroKnowledge, Access));

    /// <summary>Token IDs (the salts are resolved once per runtime, by one thread: the first call may create their file).</summary>
    /// <remarks>With a lock object <see cref="LazyInitializer"/> does not remember a failure (an unreadable file): the next call tries again.</remarks>
    public TokenIdGenerator TokenIds => LazyInitializer.EnsureInitialized(ref _tokenIds, ref _tokenIdsGate, () =>
        new TokenIdGenerator(TokenIdSalts.Resolve(Options.TokenId, Options.DataDirectory)));

    /// <summary>Client crypto.</summary>
    public ClientCryptoService ClientCrypto => LazyInitializer.EnsureInitialized(ref _clientCrypto, () =>
        new ClientCryptoService(Ring, Vault, new SigningKeyProvider(Ring, Store, Vault, PrivateKeys), Options.ClientCryptoApplicationId, Access));
}
