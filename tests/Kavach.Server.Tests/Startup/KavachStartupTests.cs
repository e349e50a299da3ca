using Kavach.Hosting.Composition;
using Kavach.Hosting.Configuration;
using Kavach.Hosting.Files;
using Kavach.Hosting.Startup;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Testing;
using Kavach.Testing.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Server.Tests.Startup;

/// <summary>The start-up retries on the injected clock: a store that does not answer is tried again once the clock passes the back-off, and the host becomes ready without a restart.</summary>
public sealed class KavachStartupTests
{
    [Fact]
    public async Task Start_up_retries_a_store_that_does_not_answer_when_the_clock_passes_the_back_off_and_then_is_ready()
    {
        using var dir = new TempDirectory("kavach-startup");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new InMemoryKeyStore();
        foreach (var (appId, days, preExpire) in new[] { ("ROOT", 1826, 365), ("KERNEL", 1095, 60) })
        {
            await store.UpsertPolicyAsync(new KeyPolicy(appId, days, preExpire, IsActive: true, AccessAllowed: null), CancellationToken.None);
        }

        store.IsAvailable = false;
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<IHostApplicationLifetime, StoppedNever>()
            .AddKavach(new KavachOptions { DataDir = dir.Path, Audit = { Enabled = false }, ZeroKnowledge = { PoolSize = 0 } })
            .AddSingleton<IKeyStore>(store)
            .AddSingleton<IZkKeyPoolStore>(store)
            .AddSingleton<IKeyVault>(new InMemoryKeyVault())
            .AddSingleton<KavachStartup>();
        await using var provider = services.BuildServiceProvider();
        var readiness = provider.GetRequiredService<KavachReadiness>();
        var startup = provider.GetRequiredService<KavachStartup>();

        await startup.StartAsync(CancellationToken.None);
        try
        {
            // The first attempt fails at once and says so; the retry waits for the clock.
            await Until(() => readiness.Status.StartsWith("start-up failed", StringComparison.Ordinal));
            Assert.False(readiness.IsReady);
            Assert.False(File.Exists(Path.Combine(dir.Path, AdminToken.FileName)));

            // Without the clock moving, the retry does not happen even though the database answers again.
            store.IsAvailable = true;
            var ready = readiness.WhenReady(CancellationToken.None);
            Assert.False(ready.IsCompleted);

            // Once the clock passes the back-off (at most 30 s), the start-up completes. The status is set before the
            // retry's timer is registered on the fake clock, so the clock is moved until the timer has seen it pass.
            await Until(() =>
            {
                time.Advance(TimeSpan.FromSeconds(31));
                return ready.IsCompleted;
            });
            await ready;
            Assert.Equal("ready", readiness.Status);
            Assert.Contains(await store.GetMasterAliasesAsync(CancellationToken.None), alias => alias.AppId == "ROOT");
        }
        finally
        {
            await startup.StopAsync(CancellationToken.None);
        }
    }

    // Polls real time for an event on another thread (the first attempt), with a deadline.
    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within a minute");
            await Task.Delay(10);
        }
    }

    private sealed class StoppedNever : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => throw new InvalidOperationException("the start-up stopped the application");
    }
}
