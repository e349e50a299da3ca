using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Kavach.Server.Tests.Security.Support;
using Kavach.Server.Tests.Support;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Kavach.Server.Tests.Security;

/// <summary>
/// At least 20,000 random malformed requests across every endpoint, and a systematic pass over the shapes that once crashed it (<see cref="ShapeFuzzer"/>) (more with <c>KAVACH_FUZZ_REQUESTS</c>; another seed with
/// <c>KAVACH_FUZZ_SEED</c>; replay single requests with <c>KAVACH_FUZZ_ONLY=index,index</c>): never a 5xx, never internals, never a hang, always a MOSIP envelope, and the server healthy after.
/// </summary>
public sealed class FuzzTests : IAsyncLifetime
{
    private const int DefaultRequests = 20_000;
    private const int DefaultSeed = 8_2025;
    internal static readonly TimeSpan PerRequestTimeout = TimeSpan.FromSeconds(20);
    internal static readonly string[] Internals = ["   at ", "Exception:", "Exception (", ".cs:line", "System.", "Microsoft.", "Npgsql", "SQLite Error", "/work/", "/tmp/", "StackTrace", "Kavach."];

    private readonly ITestOutputHelper _output;
    private TestServer _server = null!;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(extraArgs: SecurityArgs.HighRateLimits);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Malformed_requests_get_envelopes_and_never_break_the_server()
    {
        var requests = int.TryParse(Environment.GetEnvironmentVariable("KAVACH_FUZZ_REQUESTS"), CultureInfo.InvariantCulture, out var n) ? Math.Max(n, 1) : DefaultRequests;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("KAVACH_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var only = (Environment.GetEnvironmentVariable("KAVACH_FUZZ_ONLY") ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(i => int.Parse(i, CultureInfo.InvariantCulture))
            .ToList();
        var fuzzer = new RequestFuzzer(ApiEndpoint.All(_server.Services), await MaterialAsync(), seed);
        var kestrel = _server.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var client = new HttpClient { BaseAddress = _server.Client.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(only.Count > 0 ? only : Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (index, ct) =>
        {
            var (request, description, mustBe401) = fuzzer.Create(index);
            using (request)
            {
                // Kestrel answers these itself, bare (no envelope, see docs/compatibility.md): the fuzzer must stay
                // inside them, or it would be testing Kestrel rather than Kavach.
                if (OutsideKestrelLimits(request, kestrel) is { } outside)
                {
                    failures.Enqueue($"#{index} {description}: the fuzzer made a request Kestrel refuses before Kavach ({outside})");
                    return;
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(PerRequestTimeout);
                try
                {
                    using var response = await client.SendAsync(request, timeout.Token);
                    var body = await response.Content.ReadAsStringAsync(timeout.Token);
                    var status = (int)response.StatusCode;
                    statuses.AddOrUpdate(status, 1, (_, c) => c + 1);
                    var problem = status >= 500 ? "5xx"
                        : !EnvelopeAssert.IsAuditExport(response, status) && EnvelopeAssert.Problem(status, body) is { } envelope ? envelope
                        : Internals.FirstOrDefault(marker => Leaks(body, marker, request)) is { } leak ? "leaks '" + leak + "'"
                        : mustBe401 && (status != 401 || EnvelopeAssert.ErrorCode(body) != "KER-ATH-401") ? "invalid credentials not refused"
                        : null;
                    if (problem is not null)
                    {
                        failures.Enqueue($"#{index} {description}: {problem}: HTTP {status} {Truncate(body)}");
                    }
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    failures.Enqueue($"#{index} {description}: no answer within {PerRequestTimeout.TotalSeconds} s");
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue($"#{index} {description}: connection failed ({e.Message})");
                }
            }
        });

        clock.Stop();
        _output.WriteLine($"seed {seed}: {requests} requests in {clock.Elapsed.TotalSeconds:F1} s; statuses {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}x{p.Value}"))}");
        Assert.True(failures.IsEmpty, $"seed {seed} (KAVACH_FUZZ_SEED={seed}): {failures.Count} of {requests} requests failed:\n{string.Join('\n', failures.Take(25))}");

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(200, (int)live.StatusCode);
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(200, (int)ready.StatusCode);
        // The fuzzer holds an admin token and may revoke the local issuer's keys (a legitimate operation that ends every
        // token they signed). Then, and only then, admin.token is refused; a token from the issuer's current key works.
        var (fileTokenStatus, _) = await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "after-fuzz", timeStamp = "2025-01-01T10:00:00.000Z", data = "aGVsbG8" });
        if (fileTokenStatus != 200)
        {
            Assert.Equal(401, fileTokenStatus);
            var issuer = _server.Runtime.Options.Security.LocalIssuer.ApplicationId;
            var aliases = (await _server.Runtime.Store.GetAliasesAsync(issuer, "SIGN", CancellationToken.None))
                .Concat(await _server.Runtime.Store.GetAliasesAsync(issuer, string.Empty, CancellationToken.None));
            Assert.Contains(aliases, a => a.ExpiresAt < _server.Time.GetUtcNow().UtcDateTime);

            // The verifier re-reads the issuer's keys for an unknown key id at most once a second (a flood of made-up
            // key ids must not become a flood of database reads): the new key is seen after that.
            _server.Time.Advance(TimeSpan.FromSeconds(2));
        }

        using var after = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/keymanager/encrypt", UriKind.Relative))
        {
            Content = new StringContent(TestServer.Wrap(new { applicationId = "REGISTRATION", referenceId = "after-fuzz", timeStamp = "2025-01-01T10:00:00.000Z", data = "aGVsbG8" }), System.Text.Encoding.UTF8, "application/json"),
        };
        after.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await _server.MintAdminTokenAsync());
        using var encrypted = await client.SendAsync(after);
        var body = await encrypted.Content.ReadAsStringAsync();
        Assert.True(encrypted.StatusCode == System.Net.HttpStatusCode.OK, body);
        Assert.Null(EnvelopeAssert.ErrorCode(body));
    }

    [Fact]
    public async Task Every_endpoint_answers_missing_members_wrong_types_hostile_JOSE_parts_and_50k_filters_with_an_envelope() =>
        await ShapeRun.RunAsync(_server, await MaterialAsync(), _output);

    private static string? OutsideKestrelLimits(HttpRequestMessage request, KestrelServerLimits limits)
    {
        // "METHOD target HTTP/1.1\r\n"; headers as "name: value\r\n", plus room for Host and Content-Length.
        var line = request.Method.Method.Length + 1 + request.RequestUri!.OriginalString.Length + 11;
        if (line >= limits.MaxRequestLineSize)
        {
            return $"request line of {line} bytes";
        }

        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Sum(h => h.Key.Length + 4 + h.Value.Sum(v => v.Length + 2)) + 128;
        var count = request.Headers.Count() + (request.Content?.Headers.Count() ?? 0) + 2;
        return headers >= limits.MaxRequestHeadersTotalSize ? $"headers of {headers} bytes"
            : count > limits.MaxRequestHeaderCount ? $"{count} headers"
            : null;
    }

    internal static bool Leaks(string body, string marker, HttpRequestMessage request) =>
        body.Contains(marker, StringComparison.Ordinal) && !(request.RequestUri?.OriginalString.Contains(marker, StringComparison.Ordinal) ?? false);

    internal static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    internal async Task<FuzzMaterial> MaterialAsync() => await MaterialAsync(_server);

    /// <summary>Real ciphertexts, a JWS and a certificate of <paramref name="server"/> for the fuzzers.</summary>
    internal static async Task<FuzzMaterial> MaterialAsync(TestServer server)
    {
        var envelope = (await server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "fuzz-1", timeStamp = "2025-01-01T10:00:00.000Z", data = "dGVzdCBkYXRh" })).Body.Field("data");
        var jwe = (await server.PostAsync("/v1/keymanager/jwtEncrypt", new { applicationId = "REGISTRATION", referenceId = "fuzz-1", data = "eyJhIjoxfQ" })).Body.Field("data");
        var jws = (await server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = "eyJhIjoxfQ", includePayload = true })).Body.Field("jwtSignedData");
        var certificate = (await server.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=fuzz-1")).Body.Field("certificate");
        var token = server.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        return new FuzzMaterial(envelope, jwe, jws, certificate, token);
    }
}
