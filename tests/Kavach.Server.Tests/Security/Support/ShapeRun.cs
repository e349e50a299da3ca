using System.Collections.Concurrent;
using System.Diagnostics;
using Kavach.Server.Tests.Support;
using Xunit.Abstractions;

namespace Kavach.Server.Tests.Security.Support;

/// <summary>Sends every <see cref="ShapeFuzzer"/> case to a server: never a 5xx, always a MOSIP envelope, an error code where the shape is wrong, no internals.</summary>
public static class ShapeRun
{
    /// <summary>Runs the cases and asserts; the server must be ready afterwards.</summary>
    public static async Task RunAsync(TestServer server, FuzzMaterial material, ITestOutputHelper output)
    {
        var cases = ShapeFuzzer.All(server.Services, material);
        Assert.True(cases.Count > 500, $"only {cases.Count} cases: the endpoint metadata was not read");
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var client = new HttpClient { BaseAddress = server.Client.BaseAddress, Timeout = FuzzTests.PerRequestTimeout };
        var token = server.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (shape, ct) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(shape.Method), shape.Path);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            if (shape.Body is not null)
            {
                request.Content = new StringContent(shape.Body, System.Text.Encoding.UTF8, "application/json");
            }

            try
            {
                using var response = await client.SendAsync(request, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, c) => c + 1);
                var problem = status >= 500 ? "5xx"
                    : !EnvelopeAssert.IsAuditExport(response, status) && EnvelopeAssert.Problem(status, body) is { } envelope ? envelope
                    : shape.RequireError && EnvelopeAssert.ErrorCode(body) is null ? "no error code"
                    : FuzzTests.Internals.FirstOrDefault(marker => FuzzTests.Leaks(body, marker, request)) is { } leak ? "leaks '" + leak + "'"
                    : null;
                if (problem is not null)
                {
                    failures.Enqueue($"{shape.Description}: {problem}: HTTP {status} {FuzzTests.Truncate(body)}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failures.Enqueue($"{shape.Description}: {e.GetType().Name} {e.Message}");
            }
        });

        output.WriteLine($"{cases.Count} shapes in {clock.Elapsed.TotalSeconds:F1} s; statuses {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}x{p.Value}"))}");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} shapes failed:\n{string.Join('\n', failures.Take(40))}");
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(200, (int)ready.StatusCode);
    }
}
