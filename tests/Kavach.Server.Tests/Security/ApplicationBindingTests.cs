using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.Keys.Audit;
using Kavach.Server.Tests.Audit;
using Kavach.Server.Tests.Security.Support;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Security;

/// <summary>
/// Issue 12: callers reach only the applications bound to them, deny by default, on a server with the production
/// defaults (no test binding for the administrator). Each attack asserts the refusal and that no key was used.
/// </summary>
public sealed class ApplicationBindingTests : IClassFixture<ApplicationBindingTests.DefaultBindingsServer>
{
    private const string TimeStamp = "2025-01-01T10:00:00.000Z";
    private readonly TestServer _server;

    public ApplicationBindingTests(DefaultBindingsServer fixture) => _server = fixture.Server;

    [Fact]
    public async Task Resident_and_zonal_admin_cannot_decrypt_registration_ciphertext_but_the_registration_processor_can()
    {
        var processor = await _server.IssueTokenAsync("regproc-1", ["REGISTRATION_PROCESSOR"]);
        var plaintext = Encoding.UTF8.GetBytes("packet of 10001_110011");
        var envelope = await EncryptAsync(processor, "REGISTRATION", "10001_110011", plaintext);

        foreach (var (name, roles) in new[] { ("resident-attacker", new[] { "RESIDENT" }), ("zonal-attacker", new[] { "ZONAL_ADMIN" }) })
        {
            var token = await _server.IssueTokenAsync(name, roles);
            var (status, body) = await PostAsync(token, "/v1/keymanager/decrypt", new { applicationId = "REGISTRATION", referenceId = "10001_110011", timeStamp = TimeStamp, data = envelope });
            Assert.Equal(403, status);
            Assert.Equal("KER-CRY-012", body.ErrorCode());
            Assert.Null(body["response"]);
            Assert.DoesNotContain(Base64Url.Encode(plaintext), body.ToJsonString(), StringComparison.Ordinal);

            // The refusal is in the audit trail, and it used no key.
            var record = await LastRecordAsync("crypto.decrypt", name);
            Assert.Equal("KER-CRY-012", record.Outcome);
            Assert.Equal(403, record.HttpStatus);
            Assert.False(record.KeyRef?.StartsWith("alias:", StringComparison.Ordinal) ?? false);
        }

        var (okStatus, decrypted) = await PostAsync(processor, "/v1/keymanager/decrypt", new { applicationId = "REGISTRATION", referenceId = "10001_110011", timeStamp = TimeStamp, data = envelope });
        Assert.Equal(200, okStatus);
        Assert.Equal(plaintext, Base64Url.TryDecodeUrlSafe(decrypted.Field("data"), out var bytes) ? bytes : null);
    }

    [Fact]
    public async Task Administrators_manage_keys_but_cannot_decrypt_or_sign()
    {
        var processor = await _server.IssueTokenAsync("regproc-2", ["REGISTRATION_PROCESSOR"]);
        var envelope = await EncryptAsync(processor, "REGISTRATION", "10002_220022", [1, 2, 3]);

        // The admin token (GLOBAL_ADMIN, KEY_MANAGER_ADMIN, ...) may create a machine's key ...
        var (created, _) = await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=10003_330033");
        Assert.Equal(200, created);

        // ... but not use any application's keys.
        var (status, body) = await _server.PostAsync("/v1/keymanager/decrypt", new { applicationId = "REGISTRATION", referenceId = "10002_220022", timeStamp = TimeStamp, data = envelope });
        Assert.Equal(403, status);
        Assert.Equal("KER-CRY-012", body.ErrorCode());

        var payload = Base64Url.Encode(Encoding.UTF8.GetBytes("{\"a\":1}"));
        foreach (var path in new[] { "/v1/keymanager/jwtSign", "/v1/keymanager/jwtSign/v2", "/v1/keymanager/jwsSign", "/v1/keymanager/jwsSign/v2", "/v1/keymanager/signV2", "/v1/keymanager/signRawData" })
        {
            (status, body) = await _server.PostAsync(path, new { applicationId = "REGISTRATION", referenceId = "", dataToSign = payload });
            Assert.Equal(403, status);
            Assert.Equal("KER-JWS-108", body.ErrorCode());
            Assert.Null(body["response"]);
        }

        (status, body) = await _server.PostAsync("/v1/keymanager/sign", new { data = "text" });
        Assert.Equal(403, status);
        Assert.Equal("KER-JWS-108", body.ErrorCode());
    }

    [Fact]
    public async Task Every_key_use_endpoint_refuses_an_application_not_bound_to_the_caller()
    {
        var resident = await _server.IssueTokenAsync("resident-3", ["RESIDENT"]);
        var processor = await _server.IssueTokenAsync("regproc-3", ["REGISTRATION_PROCESSOR"]);
        var payload = Base64Url.Encode(Encoding.UTF8.GetBytes("{\"a\":1}"));

        // jwtDecrypt of a JWE made for REGISTRATION.
        var (_, jwe) = await PostAsync(processor, "/v1/keymanager/jwtEncrypt", new { applicationId = "REGISTRATION", referenceId = "jwe-bound", data = payload });
        var encData = jwe.Field("data");
        var (status, body) = await PostAsync(resident, "/v1/keymanager/jwtDecrypt", new { applicationId = "REGISTRATION", referenceId = "jwe-bound", encData });
        Assert.Equal((403, "KER-CRY-012"), (status, body.ErrorCode()));
        (status, body) = await PostAsync(processor, "/v1/keymanager/jwtDecrypt", new { applicationId = "REGISTRATION", referenceId = "jwe-bound", encData });
        Assert.Equal(200, status);
        Assert.Equal(payload, body.Field("data"));

        // Signing with another module's key, raw or as a JWS.
        foreach (var path in new[] { "/v1/keymanager/jwtSign", "/v1/keymanager/jwsSign/v2", "/v1/keymanager/signRawData", "/v1/keymanager/signV2" })
        {
            (status, body) = await PostAsync(resident, path, new { applicationId = "REGISTRATION_PROCESSOR", referenceId = "", dataToSign = payload });
            Assert.Equal((403, "KER-JWS-108"), (status, body.ErrorCode()));
        }

        // ZK (the KERNEL / IDENTITY_CACHE master) and the re-encryption with IDA's keys.
        (status, body) = await PostAsync(resident, "/v1/keymanager/zkEncrypt", new { id = "1234567890", zkDataAttributes = new[] { new { identifier = "name", value = "x" } } });
        Assert.Equal((403, "KER-CRY-012"), (status, body.ErrorCode()));
        (status, body) = await PostAsync(resident, "/v1/keymanager/zkDecrypt", new { id = "1234567890", zkDataAttributes = new[] { new { identifier = "name", value = "x" } } });
        Assert.Equal((403, "KER-CRY-012"), (status, body.ErrorCode()));
        (status, body) = await SendAsync(resident, HttpMethod.Post, "/v1/keymanager/zkReEncryptRandomKey?encryptedKey=abc", null);
        Assert.Equal((403, "KER-CRY-012"), (status, body.ErrorCode()));

        // Client crypto uses the RESIDENT master key: the registration processor is not bound to it.
        (status, body) = await PostAsync(processor, "/v1/keymanager/cssign", new { data = payload });
        Assert.Equal((403, "KER-JWS-108"), (status, body.ErrorCode()));
        (status, body) = await PostAsync(processor, "/v1/keymanager/tpmdecrypt", new { value = payload });
        Assert.Equal((403, "KER-CRY-012"), (status, body.ErrorCode()));
        (status, body) = await PostAsync(resident, "/v1/keymanager/cssign", new { data = payload });
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task An_unbound_caller_cannot_create_a_key_but_reads_existing_ones()
    {
        var resident = await _server.IssueTokenAsync("resident-4", ["RESIDENT"]);
        var (status, body) = await SendAsync(resident, HttpMethod.Get, "/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=unbound-new", null);
        Assert.Equal((403, "KER-KMS-051"), (status, body.ErrorCode()));
        (status, body) = await PostAsync(resident, "/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "unbound-new-2", timeStamp = TimeStamp, data = Base64Url.Encode([1]) });
        Assert.Equal((403, "KER-KMS-051"), (status, body.ErrorCode()));
        (status, body) = await PostAsync(resident, "/v1/keymanager/jwtEncrypt", new { applicationId = "REGISTRATION", referenceId = "unbound-new-3", data = Base64Url.Encode(Encoding.UTF8.GetBytes("{}")) });
        Assert.Equal((403, "KER-KMS-051"), (status, body.ErrorCode()));
        foreach (var reference in new[] { "unbound-new", "unbound-new-2", "unbound-new-3" })
        {
            Assert.Empty(await _server.Runtime.Store.GetAliasesAsync("REGISTRATION", reference, CancellationToken.None));
        }

        var record = await LastRecordAsync("key.get-certificate", "resident-4");
        Assert.Equal("KER-KMS-051", record.Outcome);

        // jwtVerify creates nothing, for anyone.
        (status, body) = await PostAsync(resident, "/v1/keymanager/jwtVerify", new { jwtSignatureData = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln", applicationId = "RESIDENT", referenceId = "verify-new" });
        Assert.Empty(await _server.Runtime.Store.GetAliasesAsync("RESIDENT", "verify-new", CancellationToken.None));

        // A key that exists is served to every caller the role table admits, and encrypting to it needs no binding.
        var processor = await _server.IssueTokenAsync("regproc-4", ["REGISTRATION_PROCESSOR"]);
        Assert.Equal(200, (await SendAsync(processor, HttpMethod.Get, "/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=10004_440044", null)).Status);
        (status, body) = await SendAsync(resident, HttpMethod.Get, "/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=10004_440044", null);
        Assert.Equal(200, status);
        Assert.Contains("BEGIN CERTIFICATE", body.Field("certificate"), StringComparison.Ordinal);
        (status, _) = await PostAsync(resident, "/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "10004_440044", timeStamp = TimeStamp, data = Base64Url.Encode([1]) });
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task A_role_bound_by_configuration_decrypts_its_application()
    {
        await using var server = await TestServer.StartAsync(bindAdministrator: false, extraArgs:
        [
            "--Kavach:Security:ApplicationBindings:Roles:REGISTRATION_SUPERVISOR=REGISTRATION",
            "--Kavach:Security:ApplicationBindings:Roles:REGISTRATION_PROCESSOR=REGISTRATION_PROCESSOR",
        ]);
        var supervisor = await server.IssueTokenAsync("supervisor", ["REGISTRATION_SUPERVISOR"]);
        var processor = await server.IssueTokenAsync("regproc", ["REGISTRATION_PROCESSOR"]);
        var envelope = (await Post(server, supervisor, "/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "cfg", timeStamp = TimeStamp, data = Base64Url.Encode([7]) })).Body.Field("data");

        var (status, body) = await Post(server, supervisor, "/v1/keymanager/decrypt", new { applicationId = "REGISTRATION", referenceId = "cfg", timeStamp = TimeStamp, data = envelope });
        Assert.Equal(200, status);
        Assert.Equal(Base64Url.Encode([7]), body.Field("data"));

        // The override replaced the default: the registration processor no longer reaches REGISTRATION.
        (status, body) = await Post(server, processor, "/v1/keymanager/decrypt", new { applicationId = "REGISTRATION", referenceId = "cfg", timeStamp = TimeStamp, data = envelope });
        Assert.Equal((403, "KER-CRY-012"), (status, body.ErrorCode()));
    }

    [Fact]
    public void A_malformed_binding_stops_the_start_with_the_setting_named()
    {
        using var dir = new Kavach.Testing.TempDirectory("kavach-badbinding");
        var e = Assert.Throws<Kavach.Hosting.Composition.KavachConfigurationException>(() => KavachServer.Build(
            ["--urls=http://127.0.0.1:0", $"--Kavach:DataDir={dir.Path}", "--Kavach:Security:ApplicationBindings:Roles:RESIDENT=RESIDENT REGISTRATION"]));
        Assert.Contains("Kavach:Security:ApplicationBindings:Roles:RESIDENT", e.Message, StringComparison.Ordinal);
    }

    private async Task<string> EncryptAsync(string token, string appId, string refId, byte[] plaintext)
    {
        var (status, body) = await PostAsync(token, "/v1/keymanager/encrypt", new { applicationId = appId, referenceId = refId, timeStamp = TimeStamp, data = Base64Url.Encode(plaintext) });
        Assert.Equal(200, status);
        return body.Field("data");
    }

    private async Task<AuditEntry> LastRecordAsync(string operation, string actor) =>
        (await AuditTestSupport.RecordsAsync(_server)).Last(r => r.Entry.Operation == operation && r.Entry.Actor == actor).Entry;

    private Task<(int Status, JsonNode Body)> PostAsync(string token, string path, object request) => Post(_server, token, path, request);

    private Task<(int Status, JsonNode Body)> SendAsync(string token, HttpMethod method, string path, object? request) => Send(_server, token, method, path, request);

    internal static Task<(int Status, JsonNode Body)> Post(TestServer server, string token, string path, object request) =>
        Send(server, token, HttpMethod.Post, path, request);

    internal static async Task<(int Status, JsonNode Body)> Send(TestServer server, string token, HttpMethod method, string path, object? request)
    {
        using var client = new HttpClient { BaseAddress = server.Client.BaseAddress };
        using var message = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (request is not null)
        {
            message.Content = new StringContent(TestServer.Wrap(request), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(message);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>A server with the production bindings and limits, and rate limits out of the way.</summary>
    public sealed class DefaultBindingsServer : IAsyncLifetime
    {
        public TestServer Server { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Server = await TestServer.StartAsync(bindAdministrator: false, extraArgs: SecurityArgs.HighRateLimits);
            await AuditTestSupport.WaitForStartupAsync(Server);
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
