namespace Kavach.DeviceAgent.Tests.Support;

/// <summary>
/// One device server for the agent tests that need nothing special of it: starting one (its key hierarchy, its
/// zero-knowledge pool, its TLS certificate) cost more than most of these tests. Each test uses devices of its own
/// serial numbers, so none sees another's devices. All of them come from the one loopback address: the per-address
/// limit on the open enrolment routes (tested by the device server's own tests) would refuse the later tests' devices.
/// </summary>
public sealed class SharedAgentServer : IAsyncLifetime
{
    private AgentTestServer? _server;

    internal AgentTestServer Server => _server ?? throw new InvalidOperationException("The shared server has not started.");

    public async Task InitializeAsync() => _server = await AgentTestServer.StartAsync(["--Kavach:DeviceServer:AnonymousPermitsPerWindow=100000"]);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The test classes that share <see cref="SharedAgentServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SharedAgentServerCollection : ICollectionFixture<SharedAgentServer>
{
    public const string Name = "shared agent server";
}
