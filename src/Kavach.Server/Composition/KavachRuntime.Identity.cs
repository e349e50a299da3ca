using Kavach.Keys.ClientCrypto;
using Kavach.Keys.TokenIds;
using Kavach.Keys.ZeroKnowledge;

namespace Kavach.Server.Composition;

/// <summary>The identity-data services: zero-knowledge encryption, token IDs and client crypto.</summary>
public sealed partial class KavachRuntime
{
    private ZkKeyPool? _zkPool;
    private ZkCryptoService? _zk;
    private readonly Lock _tokenIdsGate = new();
    private TokenIdGenerator? _tokenIds;
    private ClientCryptoService? _clientCrypto;

    /// <summary>The ZK key pool.</summary>
    public ZkKeyPool ZkPool => LazyInitializer.EnsureInitialized(ref _zkPool, () =>
        new ZkKeyPool(Store, (IZkKeyPoolStore)Store, Vault, Ring, Options.ZeroKnowledge));

    /// <summary>zkEncrypt / zkDecrypt / zkReEncryptRandomKey.</summary>
    public ZkCryptoService Zk => LazyInitializer.EnsureInitialized(ref _zk, () =>
        new ZkCryptoService(ZkPool, Ring, Store, SessionKeys, Options.ZeroKnowledge));

    /// <summary>Token IDs (the salts are resolved once per runtime, by one thread: the first call may create their file).</summary>
    public TokenIdGenerator TokenIds
    {
        get
        {
            if (Volatile.Read(ref _tokenIds) is { } generator)
            {
                return generator;
            }

            // A lock rather than Lazy: a failure (an unreadable file) is not cached, the next call tries again.
            lock (_tokenIdsGate)
            {
                if (_tokenIds is null)
                {
                    Volatile.Write(ref _tokenIds, new TokenIdGenerator(TokenIdSalts.Resolve(Options.TokenId, Options.DataDirectory)));
                }

                return _tokenIds;
            }
        }
    }

    /// <summary>Client crypto.</summary>
    public ClientCryptoService ClientCrypto => LazyInitializer.EnsureInitialized(ref _clientCrypto, () =>
        new ClientCryptoService(Ring, Vault, Options.ClientCryptoApplicationId));
}
