using Kavach.Devices.Policy;
using Kavach.Devices.Registry;
using Kavach.Storage;
using Kavach.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Tests.Policy;

/// <summary>The daily policy job (spec §4.8, §5.1 item 7's first half) on SQLite with a fake clock.</summary>
public sealed class DailyPolicyJobTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _folder = new("kavach-ops");
    private StoreOptions _options = null!;
    private PolicyHarness _h = null!;

    private static CancellationToken Ct => CancellationToken.None;

    private static DateTimeOffset Start => PolicyHarness.Start;

    public Task InitializeAsync()
    {
        _options = OperationsDatabase.NewSqlite(_folder);
        _h = PolicyHarness.Create(_options);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Steps_other_areas_add_run_once_a_day_with_their_counts_reported_and_a_failing_one_stops_none_of_the_rest()
    {
        var overdue = new CountingStep("deregistrationsOverdue", 2);
        var broken = new CountingStep("broken", throws: true);
        var later = new CountingStep("later", 1);
        await using var h = PolicyHarness.Create(_options, steps: [broken, overdue, later]);

        var report = await h.Job.RunIfDueAsync(Ct);
        var again = await h.Job.RunIfDueAsync(Ct);

        Assert.NotNull(report);
        Assert.Null(again);
        Assert.Equal([1, 1, 1], new[] { broken.Runs, overdue.Runs, later.Runs });
        Assert.Contains("deregistrationsOverdue=2", report.Summary, StringComparison.Ordinal);
        Assert.Contains("later=1", report.Summary, StringComparison.Ordinal);
        Assert.Equal(["broken"], report.Failures);
        Assert.NotNull(report.CrlNumber);
    }

    private sealed class CountingStep(string name, int changed = 0, bool throws = false) : IDailyPolicyStep
    {
        public int Runs { get; private set; }

        public string Name => name;

        public Task<int> RunAsync(CancellationToken cancellationToken)
        {
            Runs++;
            return throws ? throw new InvalidOperationException("step down") : Task.FromResult(changed);
        }
    }

    [Fact]
    public async Task At_day_20_the_job_flags_the_device_for_rotation_and_not_before()
    {
        var device = await _h.AddActiveDeviceAsync(Start.AddDays(-19), Start.AddDays(11), lastCheckin: Start);

        var day19 = await _h.Job.RunIfDueAsync(Ct);
        Assert.False((await _h.Store.GetDeviceAsync(device.SerialNo, Ct))!.RotationDue);
        Assert.Equal(0, day19!.RotationsDue);

        _h.Time.Advance(TimeSpan.FromDays(1));
        var day20 = await _h.Job.RunIfDueAsync(Ct);

        Assert.Equal(1, day20!.RotationsDue);
        var stored = await _h.Store.GetDeviceAsync(device.SerialNo, Ct);
        Assert.True(stored!.RotationDue);
        Assert.Equal(DeviceState.Active, stored.State);
        Assert.Single(_h.Audit.Of("device.policy.rotation-due"), e => e.Subject == device.SerialNo);
    }

    [Fact]
    public async Task A_certificate_with_ten_days_left_is_due_whatever_its_age_and_an_expired_one_expires_the_device()
    {
        var expiring = await _h.AddActiveDeviceAsync(Start.AddDays(-2), Start.AddDays(10));
        var expired = await _h.AddActiveDeviceAsync(Start.AddDays(-31), Start.AddMinutes(-1));
        var current = await _h.AddActiveDeviceAsync(Start.AddDays(-1), Start.AddDays(29));

        var report = await _h.Job.RunIfDueAsync(Ct);

        Assert.Equal((3, 1, 1), (report!.DevicesChecked, report.RotationsDue, report.Expired));
        Assert.True((await _h.Store.GetDeviceAsync(expiring.SerialNo, Ct))!.RotationDue);
        Assert.Equal(DeviceState.Expired, (await _h.Store.GetDeviceAsync(expired.SerialNo, Ct))!.State);
        var untouched = await _h.Store.GetDeviceAsync(current.SerialNo, Ct);
        Assert.Equal((DeviceState.Active, false, current.Version), (untouched!.State, untouched.RotationDue, untouched.Version));
    }

    [Fact]
    public async Task A_device_silent_past_the_stale_limit_is_reported_offline()
    {
        var silent = await _h.AddActiveDeviceAsync(Start.AddDays(-5), Start.AddDays(25), lastCheckin: Start.AddDays(-3).AddMinutes(-1));
        await _h.AddActiveDeviceAsync(Start.AddDays(-5), Start.AddDays(25), lastCheckin: Start.AddDays(-2));

        var report = await _h.Job.RunIfDueAsync(Ct);

        Assert.Equal(1, report!.Stale);
        Assert.Equal(silent.SerialNo, Assert.Single(_h.Audit.Of("device.policy.stale")).Subject);
    }

    [Fact]
    public async Task The_job_runs_once_a_day_publishes_the_CRL_revokes_unconfirmed_certificates_and_records_a_report()
    {
        var first = await _h.Job.RunIfDueAsync(Ct);
        var second = await _h.Job.RunIfDueAsync(Ct);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal((1, 1), (_h.Ca.CrlsPublished, _h.Ca.RevokeCalls));
        Assert.Equal(Start, _h.Ca.LastNow);
        Assert.Equal(1, first.CrlNumber);
        var run = await _h.Store.GetRunAsync(DailyPolicyJob.JobName, DateOnly.FromDateTime(Start.UtcDateTime), Ct);
        Assert.Equal(("node-a", "OK"), (run!.Node, run.Outcome));
        Assert.Equal(first.Summary, run.Summary);
        var audit = Assert.Single(_h.Audit.Of("device.policy.daily"));
        Assert.Contains("crl=1", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_step_is_reported_and_the_other_steps_still_run()
    {
        var device = await _h.AddActiveDeviceAsync(Start.AddDays(-21), Start.AddDays(9));
        _h.Ca.FailCrl = true;

        var report = await _h.Job.RunIfDueAsync(Ct);

        Assert.Equal(["crl"], report!.Failures);
        Assert.Null(report.CrlNumber);
        Assert.True((await _h.Store.GetDeviceAsync(device.SerialNo, Ct))!.RotationDue);
        Assert.Equal("ERROR", (await _h.Store.GetRunAsync(DailyPolicyJob.JobName, DateOnly.FromDateTime(Start.UtcDateTime), Ct))!.Outcome);
    }

    [Fact]
    public async Task Device_CA_and_server_signing_certificates_near_their_end_raise_warnings()
    {
        _h.ReplaceAuthority(new FakeAuthorityCertificates(
            TestCertificates.SelfSigned("Old device CA", Start.AddYears(-4), Start.AddDays(300)),
            TestCertificates.SelfSigned("Root", Start.AddYears(-1), Start.AddYears(15)),
            TestCertificates.SelfSigned("Server signing", Start.AddYears(-1), Start.AddDays(30))));

        var report = await _h.Job.RunIfDueAsync(Ct);

        Assert.Equal(2, report!.ExpiryWarnings.Count);
        Assert.Contains(report.ExpiryWarnings, w => w.StartsWith("deviceCA subject=CN=Old device CA", StringComparison.Ordinal));
        Assert.Contains(report.ExpiryWarnings, w => w.StartsWith("serverSigning subject=CN=Server signing", StringComparison.Ordinal));
        Assert.Equal(2, _h.Audit.Of("device.policy.expiry-warning").Count);
    }

    [Fact]
    public async Task The_background_service_runs_the_day_from_its_hour_and_tries_once_a_day()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 1, 0, 0, TimeSpan.Zero));
        await using var h = PolicyHarness.Create(_options, time);
        var service = new DailyPolicyService(h.Job, time, NullLogger<DailyPolicyService>.Instance);

        Assert.Null(await service.TickAsync(Ct));
        time.Advance(TimeSpan.FromHours(1));
        Assert.NotNull(await service.TickAsync(Ct));
        Assert.Null(await service.TickAsync(Ct));
        time.Advance(TimeSpan.FromDays(1));
        Assert.NotNull(await service.TickAsync(Ct));
        Assert.Equal(2, h.Ca.CrlsPublished);
    }
}
