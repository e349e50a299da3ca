using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kavach.DeviceAgent.Fleet;
using Kavach.DeviceAgent.State;
using Kavach.DeviceAgent.Tests.Support;
using Kavach.Testing;
using Xunit.Abstractions;

namespace Kavach.DeviceAgent.Tests.Fleet;

/// <summary>A thousand simulated devices against one server: every enrolment and every check-in succeeds, and the registry shows them all active.</summary>
public sealed class FleetTests(ITestOutputHelper output)
{
    private const int Devices = 1_000;

    [Fact]
    public async Task A_thousand_devices_enrol_and_check_in_twice_without_an_error()
    {
        // Chip keys come from a pool and device keys from pairs of pooled primes: generating 2,000 RSA keys one by one
        // was most of the test's time, for nothing the server sees (each device's key is still its own).
        // Every device opens the enrolment routes twice (challenge, enroll) from the one loopback address: the
        // per-address limit meant for the open internet would refuse all but the first 30.
        await using var server = await AgentTestServer.StartAsync(["--Kavach:DeviceServer:AnonymousPermitsPerWindow=100000"]);
        using var folder = new TempDirectory("kavach-fleet");
        var options = new FleetOptions(folder.File("devices"), new ServerBinding(server.Url, server.RootPem, []), folder.File("ftm-ca"))
        {
            Devices = Devices,
            Concurrency = 4,
            ChipKeyPool = 16,
            PrimePairDeviceKeys = true,
        };
        using var fleet = new FleetSimulator(options);

        var provisioned = await fleet.ProvisionAsync(CancellationToken.None);
        AssertClean(provisioned);
        await server.WhitelistAsync(options.FtmCaDirectory, fleet.Entries);
        AssertClean(await fleet.EnrolAsync(CancellationToken.None));
        AssertClean(await fleet.CheckInAsync(1, CancellationToken.None));
        AssertClean(await fleet.CheckInAsync(2, CancellationToken.None));

        Assert.Equal(fleet.Serials.Order(StringComparer.Ordinal), await ActiveSerialsAsync(server, options.SerialPrefix));
    }

    private void AssertClean(FleetPhaseResult result)
    {
        output.WriteLine(result.ToString());
        Assert.True(result.Errors == 0, result.ToString());
        Assert.Equal(Devices, result.Count);
    }

    // The registry's pages of active devices, as an operator lists them.
    private static async Task<List<string>> ActiveSerialsAsync(AgentTestServer server, string prefix)
    {
        var serials = new List<string>();
        string? after = null;
        do
        {
            var page = (await server.Admin.GetFromJsonAsync<JsonObject>($"/admin/devices?state=Active&limit=1000{(after is null ? string.Empty : "&after=" + after)}"))!;
            serials.AddRange(page["devices"]!.AsArray().Select(d => d!["serialNo"]!.GetValue<string>()).Where(s => s.StartsWith(prefix, StringComparison.Ordinal)));
            after = page["next"]?.GetValue<string>();
        }
        while (after is not null);

        return serials;
    }
}
