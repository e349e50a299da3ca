using System.Security.Cryptography;
using Kavach.Crypto;
using Kavach.Devices.Commands;
using Kavach.Devices.Tests.Policy;
using Kavach.Devices.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Time;

/// <summary>Signed time's server side (spec §4.7, §5.1 item 6, the server-side time attacks of §5.3).</summary>
public sealed class TrustedTimeServiceTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 12, 7, 9, 30, 15, TimeSpan.Zero).AddTicks(1_234_567);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly RecordingAudit _audit = new();

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Time_is_bound_to_the_devices_nonce_in_whole_milliseconds_with_the_clocks_error_as_radius()
    {
        var nonce = NewNonce();

        var stamp = await Service(FixedClockDiscipline.Synchronised(12.3)).StampAsync(nonce, "SN0001", Ct);

        Assert.Equal(nonce, stamp.Value.Nonce);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 9, 30, 15, 123, TimeSpan.Zero), stamp.Value.ServerTime);
        Assert.Equal(13, stamp.Value.RadiusMs);
        Assert.Equal("OK", Assert.Single(_audit.Of("device.time")).Outcome);
    }

    [Fact]
    public async Task Attack_time_from_an_undisciplined_clock_is_refused_and_nothing_is_stamped()
    {
        var discipline = new FixedClockDiscipline(new ClockDisciplineReading(false, null, "kernel"));

        var stamp = await Service(discipline).StampAsync(NewNonce(), "SN0001", Ct);

        Assert.Equal(DeviceOperationErrors.ClockNotDisciplined, stamp.Error);
        Assert.Equal("KER-DEV-066", Assert.Single(_audit.Of("device.time")).Outcome);
    }

    [Theory]
    [InlineData(1000.0, true)]
    [InlineData(1000.5, false)]
    [InlineData(5000.0, false)]
    [InlineData(150.0, true)]
    public async Task Time_is_signed_up_to_one_second_of_clock_error_and_refused_beyond(double errorMs, bool signed)
    {
        var stamp = await Service(FixedClockDiscipline.Synchronised(errorMs)).StampAsync(NewNonce(), null, Ct);

        Assert.Equal(signed, stamp.IsSuccess);
        if (signed)
        {
            Assert.Equal((long)Math.Ceiling(errorMs), stamp.Value.RadiusMs);
        }
    }

    [Fact]
    public async Task The_limits_are_configurable()
    {
        var options = new TrustedTimeOptions { AlertAboveMs = 10, RefuseAboveMs = 50 };

        var stamp = await Service(FixedClockDiscipline.Synchronised(60), options).StampAsync(NewNonce(), null, Ct);

        Assert.Equal(DeviceOperationErrors.ClockNotDisciplined, stamp.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_nonce_that_is_not_32_bytes_in_canonical_base64url_is_refused(string? nonce)
    {
        var stamp = await Service(FixedClockDiscipline.Synchronised(1)).StampAsync(nonce, "SN0001", Ct);

        Assert.Equal(DeviceOperationErrors.InvalidNonce, stamp.Error);
        Assert.Equal("KER-DEV-067", Assert.Single(_audit.Of("device.time")).Outcome);
    }

    [Fact]
    public void The_kernel_reading_is_synchronised_only_without_STA_UNSYNC_and_TIME_ERROR()
    {
        Assert.Equal(new ClockDisciplineReading(true, TimeSpan.FromMilliseconds(5), "kernel"), KernelClockDiscipline.Interpret(0, 0x2001, 5000));
        Assert.False(KernelClockDiscipline.Interpret(0, 0x0040, 5000).Synchronised);
        Assert.False(KernelClockDiscipline.Interpret(5, 0x0001, 5000).Synchronised);
        Assert.Null(KernelClockDiscipline.Interpret(5, 0x0040, 16_000_000).ErrorBound);
    }

    [Fact]
    public void The_kernel_discipline_reads_this_machines_clock_state()
    {
        var reading = new KernelClockDiscipline().Read();

        // CI machines may or may not run NTP; what matters is that the kernel answered and the reading is coherent.
        Assert.Equal("kernel", reading.Source);
        Assert.Equal(reading.Synchronised, reading.ErrorBound is not null);
    }

    [Fact]
    public void An_operator_may_declare_the_source_and_the_default_is_the_kernel()
    {
        Assert.IsType<KernelClockDiscipline>(new TrustedTimeOptions().CreateDiscipline());
        var declared = new TrustedTimeOptions { Source = "declared", DeclaredErrorMs = 20 }.CreateDiscipline().Read();
        Assert.Equal(new ClockDisciplineReading(true, TimeSpan.FromMilliseconds(20), "declared"), declared);
        Assert.Throws<ArgumentException>(() => new TrustedTimeOptions { Source = "declared" }.Validate());
        Assert.Throws<ArgumentException>(() => new TrustedTimeOptions { Source = "ntp" }.Validate());
        Assert.Throws<ArgumentException>(() => new TrustedTimeOptions { AlertAboveMs = 500, RefuseAboveMs = 100 }.Validate());
    }

    private static string NewNonce() => Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

    private TrustedTimeService Service(IClockDiscipline discipline, TrustedTimeOptions? options = null) =>
        new(discipline, options ?? new TrustedTimeOptions(), _audit, _time, NullLogger<TrustedTimeService>.Instance);
}
