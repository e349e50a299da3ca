using Kavach.Keys.Storage;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.PartnerChannel;

/// <summary>
/// A server with the IDA application set up as a protected service's keys: its key policy and master key, and a token
/// of a service account bound to IDA (ID_AUTHENTICATION) that also reads the partner registry (PARTNER_GATEWAY) and checks partner trust (PMS_USER).
/// </summary>
public sealed class RemoteChannelFixture : IAsyncLifetime
{
    /// <summary>The server.</summary>
    public TestServer Server { get; private set; } = null!;

    /// <summary>A bearer token of the service account.</summary>
    public string ServiceToken { get; private set; } = string.Empty;

    /// <summary>An HTTP client of the server without credentials (the remote adapters add the token).</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync();
        await Server.Runtime.Store.UpsertPolicyAsync(new KeyPolicy("IDA", 1095, 60, true, "NA"), CancellationToken.None);
        Server.Runtime.Policies.Invalidate();
        var (_, master) = await Server.PostAsync("/v1/keymanager/generateMasterKey/CERTIFICATE", new { applicationId = "IDA", referenceId = "", force = false });
        Assert.True(master["errors"] is null, master.ToJsonString());
        ServiceToken = await Server.IssueTokenAsync("ida-service", ["ID_AUTHENTICATION", "PMS_USER", "PARTNER_GATEWAY"]);
        Anonymous = new HttpClient { BaseAddress = Server.Client.BaseAddress };
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Anonymous.Dispose();
        await Server.DisposeAsync();
    }
}
