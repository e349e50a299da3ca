namespace Kavach.Server.Tests.Support;

/// <summary>One server shared by the tests of a class (start-up makes a dozen RSA keys; do it once).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    /// <summary>The server.</summary>
    public TestServer Server { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Server = await TestServer.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await Server.DisposeAsync();
}
