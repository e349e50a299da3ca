using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Kavach.Crypto;
using Kavach.Server.Observability;
using Kavach.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Server.Tests.Observability;

/// <summary>The Prometheus scrape endpoint: what it exposes after real requests, and who may read it.</summary>
[Collection(ObservabilityCollection.Name)]
public sealed partial class MetricsEndpointTests(ObservabilityFixture fixture) : IClassFixture<ObservabilityFixture>
{
    private const string TimeStamp = "2025-01-01T10:00:00.000Z";
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Scrape_shows_requests_by_operation_and_outcome_keys_availability_and_rate_limit_refusals()
    {
        // Attack: an anonymous scraper reads the server's traffic and key counts. Refused before the exporter runs.
        using (var anonymous = new HttpClient { BaseAddress = _server.Client.BaseAddress })
        using (var refused = await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.Contains("KER-ATH-401", body, StringComparison.Ordinal);
            Assert.DoesNotContain("kavach_", body, StringComparison.Ordinal);
        }

        var before = await ScrapeAsync(_server.Client);
        var decryptsBefore = Value(before, "kavach_requests_total", ("operation", "crypto.decrypt"), ("outcome", "success")) ?? 0;

        var encrypted = (await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "metrics", timeStamp = TimeStamp, data = "AQID", prependThumbprint = true })).Body.Field("data");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("AQID", (await _server.PostAsync("/v1/keymanager/decrypt", new { applicationId = "REGISTRATION", referenceId = "metrics", timeStamp = TimeStamp, data = encrypted })).Body.Field("data"));
        }

        // An expected failure is counted under its MOSIP code (HTTP 200 with errors, as MOSIP answers).
        var failure = (await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "", timeStamp = TimeStamp, data = "AQID" })).Body.ErrorCode();
        Assert.Equal("KER-CRY-011", failure);

        // Anonymous requests beyond the burst are refused with 429.
        var refusals = 0;
        using (var anonymous = new HttpClient { BaseAddress = _server.Client.BaseAddress })
        {
            for (var i = 0; i < 10 && refusals == 0; i++)
            {
                using var response = await anonymous.GetAsync(new Uri("/v1/keymanager/getCertificate?applicationId=REGISTRATION", UriKind.Relative));
                refusals += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
            }
        }

        Assert.Equal(1, refusals);

        // A revoked base key is counted as revoked, not as expired.
        await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "metrics-revoked", timeStamp = TimeStamp, data = "AQID" });
        Assert.Equal(200, (await _server.PutAsync("/v1/keymanager/revokeKey", new { applicationId = "REGISTRATION", referenceId = "metrics-revoked" })).Status);
        var inventory = _server.Services.GetRequiredService<KeyInventory>();
        await inventory.RecountAsync(CancellationToken.None);

        var after = await ScrapeAsync(_server.Client);
        Assert.Equal(decryptsBefore + 3, Value(after, "kavach_requests_total", ("operation", "crypto.decrypt"), ("outcome", "success")));
        Assert.True(Value(after, "kavach_requests_total", ("operation", "crypto.encrypt"), ("outcome", "KER-CRY-011")) >= 1, after);
        Assert.True(Value(after, "kavach_requests_total", ("outcome", "KER-ATH-429")) >= 1, after);
        Assert.Equal(decryptsBefore + 3, Value(after, "kavach_request_duration_seconds_count", ("operation", "crypto.decrypt"), ("outcome", "success")));
        Assert.Equal(decryptsBefore + 3, Value(after, "kavach_request_duration_seconds_bucket", ("operation", "crypto.decrypt"), ("outcome", "success"), ("le", "+Inf")));
        Assert.NotNull(Value(after, "kavach_request_duration_seconds_bucket", ("operation", "crypto.decrypt"), ("outcome", "success"), ("le", "0.001")));
        Assert.True(Value(after, "kavach_audit_write_duration_seconds_count") >= 3, after);
        Assert.True(Value(after, "kavach_rate_limit_refusals_total", ("caller", "anonymous")) >= 1, after);

        // Keys: the base key made by the encrypt above is active; every kind and state has a series.
        Assert.True(Value(after, "kavach_keys", ("kind", "base"), ("state", "active")) >= 1, after);
        Assert.True(Value(after, "kavach_keys", ("kind", "root"), ("state", "active")) >= 1, after);
        Assert.True(Value(after, "kavach_keys", ("kind", "base"), ("state", "revoked")) >= 1, after);
        Assert.Equal(0, Value(after, "kavach_keys", ("kind", "base"), ("state", "expired")));
        Assert.NotNull(Value(after, "kavach_keys", ("kind", "master"), ("state", "revoked")));
        Assert.NotNull(Value(after, "kavach_keys_expiring", ("kind", "base"), ("within_days", "30")));
        Assert.NotNull(Value(after, "kavach_keys_expiring", ("kind", "base"), ("within_days", "90")));
        Assert.Equal(1, Value(after, "kavach_vault_up"));
        Assert.Equal(1, Value(after, "kavach_database_up"));

        // Low cardinality: no label carries an alias, a reference id or a caller.
        Assert.DoesNotContain("\"metrics\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("REGISTRATION", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_monitoring_token_with_METRICS_READER_may_scrape_and_a_crypto_caller_may_not()
    {
        var monitoring = await _server.IssueTokenAsync("prometheus", ["METRICS_READER"]);
        using (var reader = Client(monitoring))
        {
            Assert.Contains("# TYPE kavach_vault_up gauge", await ScrapeAsync(reader), StringComparison.Ordinal);
        }

        // Attack: a crypto client (allowed to decrypt) reads the operator's metrics. Refused, nothing exported.
        var processor = await _server.IssueTokenAsync("regproc", ["REGISTRATION_PROCESSOR"]);
        using var client = Client(processor);
        using var refused = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("KER-ATH-403", body, StringComparison.Ordinal);
        Assert.DoesNotContain("kavach_", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_GET_scrapes()
    {
        using var response = await _server.Client.PostAsync(new Uri("/metrics", UriKind.Relative), new StringContent(""));
        Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, response.StatusCode.ToString());
        Assert.DoesNotContain("kavach_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return text;
    }

    /// <summary>The value of the sample of <paramref name="name"/> whose labels include every one of <paramref name="labels"/> (summed when several match), or null.</summary>
    private static double? Value(string exposition, string name, params (string Name, string Value)[] labels)
    {
        double? total = null;
        foreach (Match sample in Sample().Matches(exposition))
        {
            if (sample.Groups["name"].Value != name)
            {
                continue;
            }

            var present = sample.Groups["labels"].Value;
            if (labels.All(l => present.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                total = (total ?? 0) + double.Parse(sample.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
