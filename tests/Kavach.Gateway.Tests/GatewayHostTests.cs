using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Kavach.Gateway.Replay;
using Kavach.Gateway.Tests.Support;
using Kavach.Hosting.Composition;
using Kavach.PartnerChannel;
using Kavach.Testing;
using Kavach.Trust.Channel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kavach.Gateway.Tests;

/// <summary>The gateway as a host: start-up errors name the setting; a backend that is down; the replay ledger purge.</summary>
public sealed class GatewayHostTests
{
    [Theory]
    [InlineData(null, "IDA", "kavach", "Kavach:Gateway:Backend")]
    [InlineData("ftp://127.0.0.1:9", "IDA", "kavach", "Kavach:Gateway:Backend")]
    [InlineData("http://127.0.0.1:9/?x=1", "IDA", "kavach", "Kavach:Gateway:Backend")]
    [InlineData("http://127.0.0.1:9", null, "kavach", "Kavach:Gateway:ApplicationId")]
    [InlineData("http://127.0.0.1:9", "IDA/../x", "kavach", "Kavach:Gateway:ApplicationId")]
    [InlineData("http://127.0.0.1:9", "IDA", "jws", "Kavach:Gateway:Profile")]
    public void A_setting_that_cannot_work_stops_the_start_with_its_name(string? backend, string? applicationId, string profile, string setting)
    {
        using var dir = new TempDirectory("kavach-gateway-config");
        var args = new List<string> { "--urls=https://127.0.0.1:0", $"--Kavach:DataDir={dir.Path}", $"--Kavach:Gateway:Profile={profile}" };
        if (backend is not null)
        {
            args.Add($"--Kavach:Gateway:Backend={backend}");
        }

        if (applicationId is not null)
        {
            args.Add($"--Kavach:Gateway:ApplicationId={applicationId}");
        }

        var error = Assert.Throws<KavachConfigurationException>(() => KavachGateway.Build([.. args]));
        Assert.Equal(setting, error.Setting);
    }

    [Fact]
    public void Plain_HTTP_off_loopback_is_refused_as_on_the_server()
    {
        using var dir = new TempDirectory("kavach-gateway-plain");
        var error = Assert.Throws<KavachConfigurationException>(() => KavachGateway.Build(
            ["--urls=http://0.0.0.0:0", $"--Kavach:DataDir={dir.Path}", "--Kavach:Gateway:Backend=http://127.0.0.1:9", "--Kavach:Gateway:ApplicationId=IDA"]));
        Assert.Equal("Kavach:Tls:AllowPlainHttp", error.Setting);
    }

    [Theory]
    [InlineData(ChannelProfile.Kavach)]
    [InlineData(ChannelProfile.Mosip)]
    public async Task Backend_down_answers_502_KER_PCH_004_signed_like_any_response(ChannelProfile profile)
    {
        using var dir = new TempDirectory("kavach-gateway-down");
        var time = new RunningClock();
        await using var gateway = await TestGateway.StartAsync(dir.Path, new Uri($"http://127.0.0.1:{ClosedPort()}"), profile.ToString().ToLowerInvariant(), time);
        using var partner = await Partner.OnboardAsync(gateway, "partner-d", "Org D");
        using var client = partner.Client(gateway, profile);

        // The SDK accepts it: signed by the gateway's IDA/SIGN key (kavach: bound to this request, encrypted to the partner).
        using var response = await client.SendAsync(Requests.Auth(time));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("KER-PCH-004", body.RootElement.GetProperty("errors")[0].GetProperty("errorCode").GetString());
        var audit = (await gateway.PartnerAuditAsync(count: 1))[^1];
        Assert.Equal(502, audit.HttpStatus);
        Assert.Equal("partner-d", audit.Actor);
    }

    [Fact]
    public async Task Replay_ledger_entries_are_purged_once_out_of_the_window()
    {
        using var dir = new TempDirectory("kavach-gateway-purge");
        var time = new RunningClock();
        await using var backend = await TestBackend.StartAsync(time);
        await using var gateway = await TestGateway.StartAsync(dir.Path, backend.Address, "kavach", time);
        var ledger = gateway.Services.GetRequiredService<IReplayLedger>();
        Assert.True(await ledger.TryRecordAsync("test:purge", time.GetUtcNow() + TimeSpan.FromMinutes(2), CancellationToken.None));
        var purger = gateway.Services.GetServices<IHostedService>().OfType<ReplayLedgerPurger>().Single();

        Assert.Equal(0, await purger.PurgeOnceAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(3));
        Assert.True(await purger.PurgeOnceAsync(CancellationToken.None) >= 1);

        // Forgotten, so the key is new again (a request this old is refused by the window anyway).
        Assert.True(await ledger.TryRecordAsync("test:purge", time.GetUtcNow() + TimeSpan.FromMinutes(2), CancellationToken.None));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
