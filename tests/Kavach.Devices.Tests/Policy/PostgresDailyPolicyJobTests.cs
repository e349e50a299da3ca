using Kavach.Devices.Policy;
using Kavach.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Policy;

/// <summary>Two replicas on one PostgreSQL: the daily job runs once (spec §4.8 leader election).</summary>
[Collection(OperationsPostgresCollection.Name)]
public sealed class PostgresDailyPolicyJobTests(PostgresServer server)
{
    [Fact]
    public async Task Two_replicas_on_one_PostgreSQL_run_the_daily_job_once()
    {
        var options = await OperationsDatabase.NewPostgresAsync(server);
        var time = new FakeTimeProvider(PolicyHarness.Start);
        await using var a = PolicyHarness.Create(options, time, "node-a");
        await using var b = PolicyHarness.Create(options, time, "node-b");
        var device = await a.AddActiveDeviceAsync(PolicyHarness.Start.AddDays(-20), PolicyHarness.Start.AddDays(10));

        var reports = await Task.WhenAll(a.Job.RunIfDueAsync(CancellationToken.None), b.Job.RunIfDueAsync(CancellationToken.None));

        var ran = Assert.Single(reports, r => r is not null);
        Assert.Equal(1, ran!.RotationsDue);
        Assert.Equal(1, a.Ca.CrlsPublished + b.Ca.CrlsPublished);
        Assert.Single(a.Audit.Of("device.policy.daily").Concat(b.Audit.Of("device.policy.daily")));
        var run = await a.Store.GetRunAsync(DailyPolicyJob.JobName, DateOnly.FromDateTime(PolicyHarness.Start.UtcDateTime), CancellationToken.None);
        Assert.Equal(reports[0] is not null ? "node-a" : "node-b", run!.Node);
        Assert.True((await b.Store.GetDeviceAsync(device.SerialNo, CancellationToken.None))!.RotationDue);
    }
}
