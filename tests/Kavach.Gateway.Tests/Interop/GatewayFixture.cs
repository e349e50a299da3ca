using System.Text.Json.Nodes;
using Kavach.Testing.PartnerChannel;

namespace Kavach.Gateway.Tests.Interop;

/// <summary>A gateway of one profile with partner-alpha onboarded, shared by a test class.</summary>
public abstract class GatewayFixture(string profile) : IAsyncLifetime
{
    public string Profile { get; } = profile;

    public PartnerChannelPki Pki { get; } = PartnerChannelPki.Create();

    internal GatewayRig Rig { get; private set; } = null!;

    /// <summary>The Python client's configuration for partner-alpha (no url, body yet).</summary>
    public JsonObject Alpha { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Rig = await GatewayRig.StartAsync(Profile);
        Alpha = await Rig.OnboardAsync(Pki, Pki.Partner("partner-alpha"), Profile);
    }

    public async Task DisposeAsync()
    {
        await Rig.DisposeAsync();
        Pki.Dispose();
    }
}

/// <summary>The gateway with the mosip profile.</summary>
public sealed class MosipGatewayFixture() : GatewayFixture("mosip");

/// <summary>The gateway with the kavach profile.</summary>
public sealed class KavachGatewayFixture() : GatewayFixture("kavach");
