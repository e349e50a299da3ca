using Kavach.Keys.Access;
using Kavach.Keys.Management;
using Kavach.Keys.ZeroKnowledge;

namespace Kavach.Keys.Composition;

/// <summary>What the key services are configured with; a host builds it from its own configuration.</summary>
/// <param name="KeyManager">Key policies' defaults, caches, start-up keys, certificate subjects.</param>
/// <param name="ZeroKnowledge">The zero-knowledge key pool.</param>
/// <param name="Bindings">Which callers may use and create which applications' keys.</param>
/// <param name="CreationLimits">How many keys callers may create.</param>
/// <param name="ClientCryptoApplicationId">The application whose master key is the client-crypto key (MOSIP: RESIDENT).</param>
public sealed record KeyServiceSettings(
    KeyManagerOptions KeyManager,
    ZeroKnowledgeOptions ZeroKnowledge,
    ApplicationBindings Bindings,
    KeyCreationLimits CreationLimits,
    string ClientCryptoApplicationId);
