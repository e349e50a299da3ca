using System.Text.Json.Nodes;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Console;

/// <summary><c>/session</c> and <c>/access</c>, and what a read-only console user may and may not do.</summary>
public sealed class ConsoleAccessTests : IClassFixture<ConsoleFixture>
{
    private readonly ConsoleFixture _fixture;

    public ConsoleAccessTests(ConsoleFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_viewer_reads_the_console_API_but_is_refused_revocation_and_key_use()
    {
        using var viewer = await _fixture.ClientAsync("console-viewer", "KEYMANAGER_VIEWER");
        foreach (var path in new[] { "/keys/groups", "/keys", "/keys/usage", "/access", "/trust/certificates", "/trust/crls", "/audit/records" })
        {
            var (status, body) = await ConsoleFixture.GetAsync(viewer, "/v1/keymanager" + path);
            Assert.True(status == 200, $"{path}: {status} {body}");
            Assert.NotNull(body.Response());
        }

        var (revokeStatus, revoke) = await ConsoleFixture.SendAsync(viewer, HttpMethod.Put, "/v1/keymanager/revokeKey", new { applicationId = "REGISTRATION", referenceId = "viewer-1" });
        Assert.Equal(403, revokeStatus);
        Assert.Equal("KER-ATH-403", revoke.ErrorCode());
        var (decryptStatus, decrypt) = await ConsoleFixture.SendAsync(viewer, HttpMethod.Post, "/v1/keymanager/decrypt", new { applicationId = "REGISTRATION", referenceId = "viewer-1", data = "AAAA" });
        Assert.Equal(403, decryptStatus);
        Assert.Equal("KER-ATH-403", decrypt.ErrorCode());
    }

    [Fact]
    public async Task The_session_names_the_caller_its_bindings_and_exactly_the_rules_it_passes()
    {
        using var viewer = await _fixture.ClientAsync("console-viewer", "KEYMANAGER_VIEWER");
        var (status, body) = await ConsoleFixture.GetAsync(viewer, "/v1/keymanager/session");
        Assert.Equal(200, status);
        var session = body.Response();
        Assert.Equal("console-viewer", session["subject"]!.GetValue<string>());
        Assert.Equal(["KEYMANAGER_VIEWER"], Strings(session["roles"]));
        Assert.Empty(Strings(session["applications"]));
        var rules = Strings(session["allowedRules"]);
        Assert.Contains("getkeys", rules);
        Assert.Contains("getauditrecords", rules);
        Assert.Contains("getsession", rules);
        Assert.DoesNotContain("putrevokekey", rules);
        Assert.DoesNotContain("postdecrypt", rules);
        Assert.False(string.IsNullOrEmpty(session["authMethod"]!.GetValue<string>()));

        using var processor = await _fixture.ClientAsync("regproc-session", "REGISTRATION_PROCESSOR");
        (status, body) = await ConsoleFixture.GetAsync(processor, "/v1/keymanager/session");
        Assert.Equal(200, status);
        Assert.Equal(["REGISTRATION", "REGISTRATION_PROCESSOR"], Strings(body.Response()["applications"]));
        Assert.Contains("postdecrypt", Strings(body.Response()["allowedRules"]));
        Assert.DoesNotContain("getkeys", Strings(body.Response()["allowedRules"]));
        (status, _) = await ConsoleFixture.GetAsync(processor, "/v1/keymanager/keys");
        Assert.Equal(403, status);

        // An authenticated caller without any role still learns who it is; nobody else does.
        using var nobody = await _fixture.ClientAsync("no-roles");
        (status, body) = await ConsoleFixture.GetAsync(nobody, "/v1/keymanager/session");
        Assert.Equal(200, status);
        Assert.Equal(["getsession"], Strings(body.Response()["allowedRules"]).Where(rule => rule is "getsession" or "getkeys" or "postdecrypt"));
        using var anonymous = new HttpClient { BaseAddress = _fixture.Server.Client.BaseAddress };
        (status, body) = await ConsoleFixture.GetAsync(anonymous, "/v1/keymanager/session");
        Assert.Equal(401, status);
        Assert.Equal("KER-ATH-401", body.ErrorCode());
    }

    [Fact]
    public async Task The_access_map_says_who_can_decrypt_REGISTRATION_data()
    {
        var (status, body) = await _fixture.Server.GetAsync("/v1/keymanager/access?applicationId=REGISTRATION");
        Assert.Equal(200, status);
        var app = Assert.Single(body.Response()["applications"]!.AsArray())!;
        Assert.Equal("REGISTRATION", app["applicationId"]!.GetValue<string>());
        Assert.Contains("REGISTRATION_PROCESSOR", Strings(app["roles"]));
        var decrypt = app["operations"]!.AsArray().Single(op => op!["rule"]!.GetValue<string>() == "postdecrypt")!;
        var decryptors = Strings(decrypt["roles"]);
        Assert.Contains("REGISTRATION_PROCESSOR", decryptors);

        // The test server binds KEY_MANAGER_ADMIN to every application, but the decrypt rule does not admit it; nor is
        // a role bound to IDA only (ID_AUTHENTICATION passes the rule but is not bound to REGISTRATION).
        Assert.Contains("KEY_MANAGER_ADMIN", Strings(app["roles"]));
        Assert.DoesNotContain("KEY_MANAGER_ADMIN", decryptors);
        Assert.DoesNotContain("ID_AUTHENTICATION", decryptors);

        (status, body) = await _fixture.Server.GetAsync("/v1/keymanager/access");
        Assert.Equal(200, status);
        var ida = body.Response()["applications"]!.AsArray().Single(a => a!["applicationId"]!.GetValue<string>() == "IDA")!;
        Assert.Contains("ID_AUTHENTICATION", Strings(ida["operations"]!.AsArray().Single(op => op!["rule"]!.GetValue<string>() == "postdecrypt")!["roles"]));
    }

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(node => node!.GetValue<string>())];
}
