using System.Diagnostics;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Observability;

/// <summary>Traces: a request's span with children down to the vault and the database, and nothing identifying in them.</summary>
[Collection(ObservabilityCollection.Name)]
public sealed class TracingTests(ObservabilityFixture fixture) : IClassFixture<ObservabilityFixture>
{
    private const string TimeStamp = "2025-01-01T10:00:00.000Z";
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task A_decrypt_request_span_has_a_vault_child_span()
    {
        // A base key never used to decrypt is unwrapped by its master key in the vault on first use.
        var encrypted = (await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "traced", timeStamp = TimeStamp, data = "AQID", prependThumbprint = true })).Body.Field("data");
        Assert.Equal("AQID", (await _server.PostAsync("/v1/keymanager/decrypt", new { applicationId = "REGISTRATION", referenceId = "traced", timeStamp = TimeStamp, data = encrypted })).Body.Field("data"));

        // The server span ends after the client has its answer: wait for it to be exported.
        var request = await ExportedAsync(spans => spans.LastOrDefault(s => s.Kind == ActivityKind.Server && s.GetTagItem("http.route") is "/v1/keymanager/decrypt"));
        var trace = fixture.SpansSoFar().Where(s => s.TraceId == request.TraceId).ToList();
        var vault = Assert.Single(trace, s => s.OperationName == "vault.decrypt");
        Assert.Equal(request.SpanId, vault.ParentSpanId);
        Assert.Equal("PKCS12", vault.GetTagItem("kavach.vault.kind"));
        Assert.Contains(trace, s => s.OperationName == "store.query" && s.ParentSpanId == request.SpanId && (string?)s.GetTagItem("db.system") == "sqlite");
        Assert.Equal("POST /v1/keymanager/decrypt", request.DisplayName);
    }

    [Fact]
    public async Task Spans_carry_the_route_template_never_the_raw_path_with_an_identifier()
    {
        const string uin = "2873649105";
        await _server.GetAsync($"/v1/keymanager/tokenid/{uin}/partner-traced");

        var request = await ExportedAsync(spans => spans.LastOrDefault(s => s.Kind == ActivityKind.Server && s.GetTagItem("http.route") is "/v1/keymanager/tokenid/{uin}/{partnercode}"));
        foreach (var span in fixture.SpansSoFar().Where(s => s.TraceId == request.TraceId))
        {
            Assert.DoesNotContain(uin, span.DisplayName, StringComparison.Ordinal);
            Assert.DoesNotContain(span.TagObjects, tag => tag.Value?.ToString()?.Contains(uin, StringComparison.Ordinal) == true);
        }
    }

    private async Task<Activity> ExportedAsync(Func<IReadOnlyList<Activity>, Activity?> find)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (find(fixture.SpansSoFar()) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "The request's span was not exported");
            await Task.Delay(20);
        }
    }
}
