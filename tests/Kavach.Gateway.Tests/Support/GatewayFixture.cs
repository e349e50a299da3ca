using Kavach.PartnerChannel;
using Kavach.Testing;

namespace Kavach.Gateway.Tests.Support;

/// <summary>One backend, one gateway in front of it (one profile) and two onboarded partners, shared by a test class.</summary>
public abstract class GatewayFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("kavach-gateway");

    protected GatewayFixture(ChannelProfile profile) => Profile = profile;

    public ChannelProfile Profile { get; }

    public RunningClock Time { get; } = new();

    internal TestBackend Backend { get; private set; } = null!;

    internal TestGateway Gateway { get; private set; } = null!;

    internal Partner PartnerA { get; private set; } = null!;

    internal Partner PartnerB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = await TestBackend.StartAsync(Time);
        Gateway = await TestGateway.StartAsync(_directory.Path, Backend.Address, Profile.ToString().ToLowerInvariant(), Time, extraArgs: ["--Kavach:Gateway:MaxBodyBytes=65536"]);
        PartnerA = await Partner.OnboardAsync(Gateway, "partner-a", "Org A");
        PartnerB = await Partner.OnboardAsync(Gateway, "partner-b", "Org B");
    }

    public async Task DisposeAsync()
    {
        PartnerA?.Dispose();
        PartnerB?.Dispose();
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        if (Backend is not null)
        {
            await Backend.DisposeAsync();
        }

        _directory.Dispose();
    }
}

/// <summary>The gateway speaking the kavach profile.</summary>
public sealed class KavachGatewayFixture() : GatewayFixture(ChannelProfile.Kavach);

/// <summary>The gateway speaking the mosip profile.</summary>
public sealed class MosipGatewayFixture() : GatewayFixture(ChannelProfile.Mosip);
