using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Keys.Storage;
using Kavach.Server.Tests.Security.Support;
using Kavach.Server.Tests.Support;
using Kavach.Hosting.Tokens;
using Kavach.Hosting.Files;

namespace Kavach.Server.Tests.Security;

/// <summary>The embedded issuer: the admin token, the issuer key in our hierarchy and out of every API caller's reach.</summary>
public sealed class LocalIssuerTests : IClassFixture<LocalIssuerTests.SharedServer>
{
    private readonly TestServer _server;

    public LocalIssuerTests(SharedServer shared) => _server = shared.Server;

    [Fact]
    public async Task The_admin_token_is_a_local_JWT_with_every_admin_role_in_a_private_file()
    {
        var path = Path.Combine(_server.DataDirectory, AdminToken.FileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var token = (await File.ReadAllTextAsync(path)).Trim();
        var header = TestJwt.Header(token);
        var payload = TestJwt.Payload(token);
        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        Assert.Equal("kavach-local", payload["iss"]!.GetValue<string>());
        Assert.Equal("kavach", payload["aud"]!.GetValue<string>());
        Assert.Equal("admin", payload["sub"]!.GetValue<string>());
        Assert.Equal(24 * 3600, payload["exp"]!.GetValue<long>() - payload["iat"]!.GetValue<long>());
        Assert.Equal(
            ["DEVICE_ADMIN", "DEVICE_APPROVER", "DEVICE_VIEWER", "GLOBAL_ADMIN", "KEY_MANAGER_ADMIN", "KEY_MIGRATION_ADMIN", "PARTNER_ADMIN", "PMS_ADMIN"],
            payload["realm_access"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal));

        // The kid names the issuer's data-signing key (not a CA), issued by the TOKEN_ISSUER module key under ROOT.
        var issuer = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=TOKEN_ISSUER&referenceId=SIGN")).Body.Certificate();
        Assert.Equal(TestJwt.B64(SHA256.HashData(issuer.RawData)), header["kid"]!.GetValue<string>());
        Assert.False(issuer.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension>().Single().CertificateAuthority);
        var module = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=TOKEN_ISSUER")).Body.Certificate();
        var root = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=ROOT")).Body.Certificate();
        Assert.Equal(module.SubjectName.Name, issuer.IssuerName.Name);
        Assert.Equal(root.SubjectName.Name, module.IssuerName.Name);
        var parts = token.Split('.');
        using var rsa = issuer.GetRSAPublicKey()!;
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Decode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task A_fresh_admin_token_is_kept_and_a_stale_one_renewed()
    {
        var path = Path.Combine(_server.DataDirectory, AdminToken.FileName);
        var first = await File.ReadAllTextAsync(path);
        Assert.Equal(AdminTokenOutcome.Kept, (await _server.Runtime.EnsureAdminTokenAsync(CancellationToken.None)).Value);
        Assert.Equal(first, await File.ReadAllTextAsync(path));

        _server.Time.Advance(TimeSpan.FromHours(13));
        Assert.Equal(AdminTokenOutcome.Renewed, (await _server.Runtime.EnsureAdminTokenAsync(CancellationToken.None)).Value);
        var second = await File.ReadAllTextAsync(path);
        Assert.NotEqual(first, second);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(200, (await GetAsync(second.Trim(), "/v1/keymanager/getCertificate?applicationId=ROOT")).Status);

        await File.WriteAllTextAsync(path, "an old random token\n");
        Assert.Equal(AdminTokenOutcome.Renewed, (await _server.Runtime.EnsureAdminTokenAsync(CancellationToken.None)).Value);
    }

    [Fact]
    public async Task No_API_caller_can_sign_with_the_issuer_key()
    {
        var policy = (await _server.Runtime.Store.GetPoliciesAsync(CancellationToken.None)).Single(p => p.AppId == "TOKEN_ISSUER");
        Assert.True(string.IsNullOrEmpty(policy.AccessAllowed));
        var payload = TestJwt.B64(Encoding.UTF8.GetBytes("{\"iss\":\"kavach-local\",\"aud\":\"kavach\",\"sub\":\"evil\",\"exp\":9999999999,\"realm_access\":{\"roles\":[\"GLOBAL_ADMIN\"]}}"));
        foreach (var path in new[] { "/v1/keymanager/jwtSign", "/v1/keymanager/jwtSign/v2", "/v1/keymanager/jwsSign", "/v1/keymanager/signV2", "/v1/keymanager/signRawData" })
        {
            var (status, body) = await _server.PostAsync(path, new { applicationId = "TOKEN_ISSUER", referenceId = "", dataToSign = payload, data = payload, includePayload = true });
            // A refused signature is 403 with MOSIP's "no access" code (docs/compatibility.md).
            Assert.Equal(403, status);
            Assert.Null(body["response"]);
            Assert.Equal("KER-JWS-108", body["errors"]![0]!["errorCode"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Tokens_name_their_subject_and_roles_and_expire()
    {
        var token = await _server.IssueTokenAsync("registration-client", ["REGISTRATION_PROCESSOR"], TimeSpan.FromMinutes(10));
        Assert.Equal(200, (await GetAsync(token, "/v1/keymanager/getCertificate?applicationId=ROOT")).Status);
        Assert.Equal(403, (await GetAsync(token, "/v1/keymanager/getCaCertificates")).Status);

        _server.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(401, (await GetAsync(token, "/v1/keymanager/getCertificate?applicationId=ROOT")).Status);
    }

    [Fact]
    public async Task Bad_issue_requests_are_refused()
    {
        var tokens = _server.Runtime.Tokens;
        Assert.False((await tokens.IssueAsync("", [], TimeSpan.FromHours(1), CancellationToken.None)).IsSuccess);
        Assert.False((await tokens.IssueAsync("ok", ["BAD ROLE"], TimeSpan.FromHours(1), CancellationToken.None)).IsSuccess);
        Assert.False((await tokens.IssueAsync("ok", [], TimeSpan.FromDays(31), CancellationToken.None)).IsSuccess);
        Assert.False((await tokens.IssueAsync("ok", [], TimeSpan.Zero, CancellationToken.None)).IsSuccess);
    }

    [Fact]
    public async Task Rotating_the_issuer_key_by_force_ends_its_tokens_within_the_cache_time()
    {
        await using var server = await TestServer.StartAsync();
        var old = await server.IssueTokenAsync("operator", ["KEY_MANAGER_ADMIN"]);
        var (status, body) = await server.PostAsync("/v1/keymanager/generateMasterKey/CERTIFICATE", new { applicationId = "TOKEN_ISSUER", referenceId = "", force = true });
        Assert.Equal(200, status);
        Assert.Null(body["errors"]);

        server.Time.Advance(TimeSpan.FromSeconds(31));

        // The first token after the rotation makes the new module key's signing key (the old one is retired with its issuer).
        var fresh = await server.IssueTokenAsync("operator", ["GLOBAL_ADMIN"]);
        Assert.Equal(401, (await GetAsync(server, old, "/v1/keymanager/getCertificate?applicationId=ROOT")).Status);
        Assert.NotEqual(TestJwt.Header(old)["kid"]!.GetValue<string>(), TestJwt.Header(fresh)["kid"]!.GetValue<string>());
        Assert.Equal(200, (await GetAsync(server, fresh, "/v1/keymanager/getCertificate?applicationId=ROOT")).Status);
    }

    [Fact]
    public async Task Opening_the_issuer_key_to_API_callers_disables_local_tokens()
    {
        await using var server = await TestServer.StartAsync();
        var token = await server.IssueTokenAsync("operator", ["GLOBAL_ADMIN"]);
        await server.Runtime.Store.UpsertPolicyAsync(new KeyPolicy("TOKEN_ISSUER", 365, 30, true, "NA"), CancellationToken.None);
        server.Runtime.Policies.Invalidate();
        server.Time.Advance(TimeSpan.FromSeconds(31));

        var (status, body) = await GetAsync(server, token, "/v1/keymanager/getCertificate?applicationId=ROOT");
        Assert.Equal(503, status);
        Assert.Equal("KER-KMS-500", EnvelopeAssert.ErrorCode(body));
        Assert.False((await server.Runtime.Tokens.IssueAsync("x", [], TimeSpan.FromHours(1), CancellationToken.None)).IsSuccess);
    }

    private static byte[] Decode(string part) => Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight((part.Length + 3) / 4 * 4, '='));

    private Task<(int Status, string Body)> GetAsync(string token, string path) => GetAsync(_server, token, path);

    private static async Task<(int Status, string Body)> GetAsync(TestServer server, string token, string path)
    {
        using var client = new HttpClient { BaseAddress = server.Client.BaseAddress };
        using var request = new HttpRequestMessage(path.Contains("getCaCertificates", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (request.Method == HttpMethod.Post)
        {
            request.Content = new StringContent("{\"request\":{}}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The server the non-destructive tests share.</summary>
    public sealed class SharedServer : IAsyncLifetime
    {
        public TestServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await TestServer.StartAsync();

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
