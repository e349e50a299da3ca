using Kavach.Hosting.Startup;
using Kavach.Hosting.Web.Tls;
using Kavach.Keys.Audit;
using Kavach.Testing;
using Kavach.Trust.Channel;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Gateway.Tests.Support;

/// <summary>A real gateway on 127.0.0.1 HTTPS (Kestrel, port 0) over a data directory, with a running clock the tests move.</summary>
internal sealed class TestGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestGateway(WebApplication app, string dataDirectory, RunningClock time)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Time = time;
    }

    public string DataDirectory { get; }

    public RunningClock Time { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The HTTPS address partners call.</summary>
    public Uri Address => KavachGateway.Address(_app);

    public PartnerOnboardingService Onboarding => Services.GetRequiredService<PartnerOnboardingService>();

    /// <summary>Starts a gateway in front of <paramref name="backend"/>; waits until it is ready and serves its TLS certificate.</summary>
    public static async Task<TestGateway> StartAsync(
        string dataDirectory,
        Uri backend,
        string profile,
        RunningClock time,
        string? postgresConnection = null,
        IReadOnlyList<string>? extraArgs = null)
    {
        var args = new List<string>
        {
            "--urls=https://127.0.0.1:0",
            $"--Kavach:DataDir={dataDirectory}",
            $"--Kavach:Gateway:Backend={backend}",
            "--Kavach:Gateway:ApplicationId=IDA",
            $"--Kavach:Gateway:Profile={profile}",
            "--Logging:LogLevel:Default=Warning",
            "--Kavach:ZeroKnowledge:PoolSize=200",
        };
        if (postgresConnection is not null)
        {
            args.Add("--Kavach:Database:Provider=PostgreSql");
            args.Add($"--Kavach:Database:ConnectionString={postgresConnection}");
        }

        args.AddRange(extraArgs ?? []);
        var app = KavachGateway.Build([.. args], services => services.AddSingleton<TimeProvider>(time));
        await app.StartAsync();
        var ready = Task.WhenAll(
            app.Services.GetRequiredService<KavachReadiness>().WhenReady(CancellationToken.None),
            app.Services.GetRequiredService<TlsCertificateProvider>().Ready,
            app.Services.GetRequiredService<Kavach.Gateway.Keys.GatewayApplicationKeys>().Ready);
        if (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromMinutes(2))) != ready)
        {
            throw new TimeoutException("The gateway did not become ready.");
        }

        return new TestGateway(app, dataDirectory, time);
    }

    /// <summary>The partner-channel audit records (operation <c>partner.request</c>), oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> PartnerAuditAsync()
    {
        var trail = Services.GetRequiredService<AuditTrail>();
        await trail.FlushAsync(CancellationToken.None);
        var records = await trail.Store.ReadAuditRecordsAsync(long.MinValue, long.MaxValue, int.MaxValue, CancellationToken.None);
        return [.. records.Select(r => r.Entry).Where(e => e.Operation == "partner.request")];
    }

    /// <summary>
    /// The partner-channel audit records once there are at least <paramref name="count"/>: the record of a request is
    /// appended after its answer is on the wire, so a client can read the answer first.
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> PartnerAuditAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var records = await PartnerAuditAsync();
            if (records.Count >= count || DateTime.UtcNow > deadline)
            {
                return records;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
