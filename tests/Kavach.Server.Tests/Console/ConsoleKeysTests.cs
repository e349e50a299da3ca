using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.Server.Tests.Audit;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Console;

/// <summary><c>/keys/groups</c>, <c>/keys</c> and <c>/keys/usage</c> over the real pipeline, and their answers to bad input.</summary>
public sealed class ConsoleKeysTests : IClassFixture<ConsoleFixture>
{
    private readonly ConsoleFixture _fixture;

    public ConsoleKeysTests(ConsoleFixture fixture) => _fixture = fixture;

    private TestServer Server => _fixture.Server;

    [Fact]
    public async Task Groups_count_keys_by_state_per_reference_and_per_application()
    {
        var tag = RandomNumberGenerator.GetHexString(8);
        await AuditTestSupport.EncryptAsync(Server, "REGISTRATION", $"g-{tag}-a", [1, 2, 3]);
        await AuditTestSupport.EncryptAsync(Server, "REGISTRATION", $"g-{tag}-b", [1, 2, 3]);
        var (revokeStatus, _) = await Server.PutAsync("/v1/keymanager/revokeKey", new { applicationId = "REGISTRATION", referenceId = $"g-{tag}-a" });
        Assert.Equal(200, revokeStatus);

        var (status, body) = await Server.GetAsync("/v1/keymanager/keys/groups?applicationId=REGISTRATION");
        Assert.Equal(200, status);
        var rows = body.Response()["groups"]!.AsArray();
        var revoked = rows.Single(r => r!["referenceId"]!.GetValue<string>() == $"g-{tag}-a")!;
        Assert.Equal((1L, 0L, 0L, 1L), (Long(revoked, "keyCount"), Long(revoked, "active"), Long(revoked, "expired"), Long(revoked, "revoked")));
        Assert.Null(revoked["nextExpiry"]);
        var active = rows.Single(r => r!["referenceId"]!.GetValue<string>() == $"g-{tag}-b")!;
        Assert.Equal((1L, 1L, 0L, 0L), (Long(active, "keyCount"), Long(active, "active"), Long(active, "expired"), Long(active, "revoked")));
        Assert.NotNull(active["nextExpiry"]);
        Assert.Null(active["referenceCount"]);

        // The module key's own reference is "" and names the module key as the master.
        var module = rows.Single(r => r!["referenceId"]!.GetValue<string>().Length == 0)!;
        var master = Assert.Single(await Server.Runtime.Store.GetAliasesAsync("REGISTRATION", "", CancellationToken.None));
        Assert.Equal(master.Id, module["masterAlias"]!.GetValue<string>());
        Assert.Equal(master.Id, active["masterAlias"]!.GetValue<string>());

        // Per application: the counts are the sums of the per-reference rows.
        (status, body) = await Server.GetAsync("/v1/keymanager/keys/groups");
        Assert.Equal(200, status);
        var registration = body.Response()["groups"]!.AsArray().Single(r => r!["applicationId"]!.GetValue<string>() == "REGISTRATION")!;
        Assert.False(registration.AsObject().ContainsKey("referenceId"));
        Assert.Equal(rows.Count, Long(registration, "referenceCount"));
        Assert.Equal(rows.Sum(r => Long(r!, "keyCount")), Long(registration, "keyCount"));
        Assert.Equal(rows.Sum(r => Long(r!, "revoked")), Long(registration, "revoked"));
        Assert.Equal(rows.Sum(r => Long(r!, "active")), Long(registration, "active"));

        // The key list agrees, and filters by state.
        (status, body) = await Server.GetAsync($"/v1/keymanager/keys?applicationId=REGISTRATION&referenceId=g-{tag}-a");
        Assert.Equal(200, status);
        var key = Assert.Single(body.Response()["keys"]!.AsArray())!;
        Assert.Equal(("REVOKED", "BASE", false), (key["state"]!.GetValue<string>(), key["kind"]!.GetValue<string>(), key["inHsm"]!.GetValue<bool>()));
        Assert.Equal(master.Id, key["issuerAlias"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(key["certificateSubject"]!.GetValue<string>()));
        (status, body) = await Server.GetAsync("/v1/keymanager/keys?applicationId=REGISTRATION&state=revoked");
        Assert.Contains(body.Response()["keys"]!.AsArray(), k => k!["referenceId"]!.GetValue<string>() == $"g-{tag}-a");
        Assert.All(body.Response()["keys"]!.AsArray(), k => Assert.Equal("REVOKED", k!["state"]!.GetValue<string>()));
        (status, body) = await Server.GetAsync("/v1/keymanager/keys?applicationId=REGISTRATION&referenceId=");
        var moduleKey = Assert.Single(body.Response()["keys"]!.AsArray())!;
        Assert.Equal(("MODULE", true), (moduleKey["kind"]!.GetValue<string>(), moduleKey["inHsm"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Keys_are_paged_by_cursor_without_gaps_or_repeats()
    {
        var all = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var (status, body) = await Server.GetAsync("/v1/keymanager/keys?limit=2" + (next is null ? string.Empty : "&after=" + next));
            Assert.Equal(200, status);
            var keys = body.Response()["keys"]!.AsArray();
            Assert.True(keys.Count <= 2);
            all.AddRange(keys.Select(k => k!["alias"]!.GetValue<string>()));
            next = body.Response()["next"]?.GetValue<string>();
            pages++;
        }
        while (next is not null && pages < 500);

        var (_, whole) = await Server.GetAsync("/v1/keymanager/keys?limit=1000");
        var expected = whole.Response()["keys"]!.AsArray().Select(k => k!["alias"]!.GetValue<string>()).ToList();
        Assert.True(expected.Count > 2);
        Assert.Equal(expected, all);
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public async Task A_decrypt_by_a_caller_shows_in_key_usage_with_its_actor_operation_and_count()
    {
        var reference = "u-" + RandomNumberGenerator.GetHexString(8);
        var envelope = await AuditTestSupport.EncryptAsync(Server, "REGISTRATION", reference, [4, 5, 6]);
        using var processor = await _fixture.ClientAsync("regproc-usage", "REGISTRATION_PROCESSOR");
        for (var i = 0; i < 3; i++)
        {
            var (status, body) = await ConsoleFixture.SendAsync(processor, HttpMethod.Post, "/v1/keymanager/decrypt",
                new { applicationId = "REGISTRATION", referenceId = reference, timeStamp = AuditTestSupport.TimeStamp, data = envelope });
            Assert.True(status == 200 && body["errors"] is null or JsonArray { Count: 0 }, body.ToJsonString());
        }

        var alias = Assert.Single(await Server.Runtime.Store.GetAliasesAsync("REGISTRATION", reference, CancellationToken.None)).Id;
        var (usageStatus, usage) = await Server.GetAsync($"/v1/keymanager/keys/usage?applicationId=REGISTRATION&referenceId={reference}");
        Assert.Equal(200, usageStatus);
        var rows = usage.Response()["usage"]!.AsArray();
        var decrypts = Assert.Single(rows, r => r!["operation"]!.GetValue<string>() == "crypto.decrypt")!;
        Assert.Equal(("regproc-usage", "alias:" + alias, 3L, 0L), (decrypts["actor"]!.GetValue<string>(), decrypts["keyRef"]!.GetValue<string>(), Long(decrypts, "count"), Long(decrypts, "failures")));
        Assert.Equal("REGISTRATION", decrypts["applicationId"]!.GetValue<string>());

        // The admin's encryption made the key: a key.generate by the admin, counted too.
        Assert.Contains(rows, r => r!["operation"]!.GetValue<string>() == "key.generate" && r["actor"]!.GetValue<string>() == "admin");

        // Filtered by actor, and a window that ends before the decrypts holds none of them.
        (_, usage) = await Server.GetAsync($"/v1/keymanager/keys/usage?actor=regproc-usage");
        Assert.All(usage.Response()["usage"]!.AsArray(), r => Assert.Equal("regproc-usage", r!["actor"]!.GetValue<string>()));
        var past = Server.Time.GetUtcNow().UtcDateTime.AddDays(-30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var pastEnd = Server.Time.GetUtcNow().UtcDateTime.AddDays(-20).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        (_, usage) = await Server.GetAsync($"/v1/keymanager/keys/usage?referenceId={reference}&from={past}&to={pastEnd}");
        Assert.Empty(usage.Response()["usage"]!.AsArray());
    }

    [Theory]
    [InlineData("/keys?limit=0", "KER-KMS-057")]
    [InlineData("/keys?limit=1001", "KER-KMS-057")]
    [InlineData("/keys?limit=ten", "KER-KMS-057")]
    [InlineData("/keys?state=BROKEN", "KER-KMS-058")]
    [InlineData("/keys?expiringWithinDays=-1", "KER-KMS-057")]
    [InlineData("/keys?after=not-a-cursor!", "KER-KMS-060")]
    [InlineData("/keys?after=", "KER-KMS-060")]
    [InlineData("/keys/usage?from=yesterday", "KER-KMS-056")]
    [InlineData("/keys/usage?from=2025-02-30", "KER-KMS-056")]
    [InlineData("/keys/usage?from=2025-01-02&to=2025-01-01", "KER-KMS-059")]
    [InlineData("/keys/usage?from=2020-01-01&to=2025-01-01", "KER-KMS-059")]
    [InlineData("/audit/records?limit=5000", "KER-KMS-057")]
    [InlineData("/audit/records?afterSeq=-3", "KER-KMS-057")]
    [InlineData("/audit/records?to=13/01/2025", "KER-KMS-056")]
    [InlineData("/audit/export?fromSeq=0", "KER-KMS-057")]
    [InlineData("/audit/export?from=soon", "KER-KMS-056")]
    [InlineData("/trust/certificates?domain=NOPE", "KER-PCM-011")]
    public async Task Bad_query_input_is_a_400_with_its_error_code(string path, string code)
    {
        var (status, body) = await Server.GetAsync("/v1/keymanager" + path);
        Assert.Equal(400, status);
        Assert.Equal(code, body.ErrorCode());
    }

    [Fact]
    public async Task The_expiry_timeline_lists_active_keys_soonest_first()
    {
        var (status, body) = await Server.GetAsync("/v1/keymanager/keys?expiringWithinDays=36500&limit=1000");
        Assert.Equal(200, status);
        var keys = body.Response()["keys"]!.AsArray();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Equal("ACTIVE", k!["state"]!.GetValue<string>()));
        var expiries = keys.Select(k => k!["expiresAt"]!.GetValue<string>()).ToList();
        Assert.Equal(expiries.Order(StringComparer.Ordinal), expiries);
    }

    private static long Long(JsonNode node, string name) => node[name]!.GetValue<long>();
}
