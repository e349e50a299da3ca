using Kavach.DeviceAgent.Operations;
using Kavach.DeviceAgent.State;
using Kavach.DeviceAgent.Tests.Support;
using Kavach.DeviceAgent.Time;
using Kavach.Devices.Protocol.Messages;
using Kavach.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.DeviceAgent.Tests.Time;

/// <summary>The device's only clock (spec §4.7): server time plus monotonic elapsed, a 3 s round-trip bound, a high-water mark.</summary>
[Collection(SharedAgentServerCollection.Name)]
public sealed class TrustedClockTests(SharedAgentServer shared)
{
    private static readonly DateTimeOffset ServerTime = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Trusted_time_is_server_time_plus_half_the_round_trip_plus_monotonic_elapsed_never_the_host_clock()
    {
        var monotonic = new FakeTimeProvider(new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new TrustedClock(monotonic);
        Assert.False(clock.HasTrustedTime);
        Assert.Throws<InvalidOperationException>(() => clock.GetUtcNow());

        var sent = clock.Mark();
        monotonic.Advance(TimeSpan.FromMilliseconds(400));
        Assert.True(clock.TryAccept(ServerTime, radiusMs: 50, sent, out _));
        Assert.Equal(ServerTime.AddMilliseconds(200), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMilliseconds(250), clock.Uncertainty);

        monotonic.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(ServerTime.AddMilliseconds(200).AddMinutes(5), clock.GetUtcNow());
    }

    [Fact]
    public void Attack_time_response_after_a_round_trip_over_three_seconds_is_ignored()
    {
        var monotonic = new FakeTimeProvider();
        var clock = new TrustedClock(monotonic);
        var sent = clock.Mark();
        monotonic.Advance(TimeSpan.FromSeconds(3.5));
        Assert.False(clock.TryAccept(ServerTime, 50, sent, out var refusal));
        Assert.Contains("round trip", refusal, StringComparison.Ordinal);
        Assert.False(clock.HasTrustedTime);
    }

    [Fact]
    public void Attack_server_time_an_hour_behind_the_high_water_mark_is_refused_and_a_few_seconds_are_tolerated()
    {
        var monotonic = new FakeTimeProvider();
        var clock = new TrustedClock(monotonic, highWater: ServerTime);
        Assert.False(clock.TryAccept(ServerTime.AddHours(-1), 50, clock.Mark(), out var refusal));
        Assert.Contains("high-water mark", refusal, StringComparison.Ordinal);
        Assert.True(clock.TryAccept(ServerTime.AddSeconds(-4), 50, clock.Mark(), out _));
        Assert.Equal(ServerTime, clock.HighWater);
    }

    [Fact]
    public async Task Attack_rolled_back_server_clock_is_refused_by_the_persisted_high_water_mark_and_alerted()
    {
        var server = shared.Server;
        using var folder = new TempDirectory("kavach-agent-time");
        var ftmCa = folder.File("ftm-ca");
        var deviceDir = folder.File("finger");
        await server.WhitelistAsync(ftmCa, [await TestDevices.ProvisionAsync(deviceDir, TestDevices.Finger("SNTIMEHWM001"), ftmCa)]);
        using (var session = TestDevices.Open(deviceDir, server))
        {
            await Enrolment.EnrolAsync(session, CancellationToken.None);
        }

        // The device once saw a time an hour ahead of the server's clock now (as if the server's clock was rolled back).
        var device = new DeviceDirectory(deviceDir);
        var state = DeviceStateFile.Load(device);
        state.TimeHighWater = ProtocolTimestamp.ToText(DateTimeOffset.UtcNow.AddHours(1));
        DeviceStateFile.Save(device, state);

        using var rebooted = TestDevices.Open(deviceDir, server);
        var refused = await Assert.ThrowsAsync<AgentException>(() => TimeSync.SyncAsync(rebooted, CancellationToken.None));
        Assert.Equal(AgentErrors.Time, refused.Code);
        Assert.False(rebooted.Clock.HasTrustedTime);
        Assert.Contains(rebooted.Log.Read(0, 1000), e => e is { Level: "alert", Event: "time-refused" });
    }
}
