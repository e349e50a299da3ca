using System.Diagnostics;
using Kavach.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Kavach.Server.Tests.Observability;

/// <summary>
/// One server for the metrics and trace tests: an in-memory trace exporter, and an anonymous rate limit small enough
/// (burst 2, one per second) that a short burst of anonymous requests is refused.
/// </summary>
public sealed class ObservabilityFixture : IAsyncLifetime
{
    /// <summary>The server.</summary>
    public TestServer Server { get; private set; } = null!;

    /// <summary>Every span the server's tracer provider exported (other servers in this process may add theirs).</summary>
    public SpanCollection Spans { get; } = new();

    /// <inheritdoc />
    public async Task InitializeAsync() => Server = await TestServer.StartAsync(
        extraArgs: ["--Kavach:Security:RateLimit:AnonymousBurst=2", "--Kavach:Security:RateLimit:AnonymousPerSecond=1"],
        configure: services => services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(Spans)));

    /// <inheritdoc />
    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A copy of the spans exported so far.</summary>
    public IReadOnlyList<Activity> SpansSoFar() => Spans.Snapshot();
}
