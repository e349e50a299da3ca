using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.Keys.Vault;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Security;

/// <summary>
/// Failing closed with the vault: once the vault is seen unavailable, cached private keys are not used; and
/// <c>/health/ready</c> tells the reason to operators only.
/// </summary>
public sealed class VaultFailClosedTests : IAsyncLifetime
{
    private const string TimeStamp = "2025-01-01T10:00:00.000Z";
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Vault_reported_down_cached_base_key_decrypt_is_refused_with_503_and_the_cache_emptied()
    {
        var plaintext = Base64Url.Encode(RandomNumberGenerator.GetBytes(64));
        var encrypted = (await _server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "fail-closed", timeStamp = TimeStamp, data = plaintext, prependThumbprint = true })).Body.Field("data");
        Assert.Equal(plaintext, (await DecryptAsync(encrypted)).Body.Field("data"));
        Assert.True(_server.Runtime.PrivateKeys.Count > 0);

        // What a probe (the vault monitor's, or /health/ready's) does when it finds the HSM pulled.
        _server.Runtime.VaultGate.Report(new VaultStatus(false, "token removed (test)"));
        Assert.Equal(0, _server.Runtime.PrivateKeys.Count);

        var (status, body) = await DecryptAsync(encrypted);
        Assert.Equal(503, status);
        Assert.Null(body["response"]);
        Assert.Equal("KER-KMS-500", body.ErrorCode());
        Assert.Equal("Key vault unavailable; retry later", body["errors"]![0]!["message"]!.GetValue<string>());
        Assert.DoesNotContain(plaintext, body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, _server.Runtime.PrivateKeys.Count);

        // The vault answers again: the next probe opens the gate.
        _server.Runtime.VaultGate.Report(new VaultStatus(true, "back"));
        var after = await DecryptAsync(encrypted);
        Assert.Equal(200, after.Status);
        Assert.Equal(plaintext, after.Body.Field("data"));
    }

    [Fact]
    public async Task A_ready_probe_reopens_the_gate_when_the_vault_is_there()
    {
        _server.Runtime.VaultGate.Report(new VaultStatus(false, "a passing fault (test)"));
        Assert.False(_server.Runtime.VaultGate.IsOpen);
        var (status, _) = await _server.GetAsync("/health/ready");
        Assert.Equal(200, status);
        Assert.True(_server.Runtime.VaultGate.IsOpen);
    }

    [Fact]
    public async Task Health_ready_tells_anonymous_and_non_operator_callers_only_up_or_down()
    {
        using var anonymous = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        var (status, raw) = await GetReadyAsync(anonymous, token: null);
        Assert.Equal(200, status);
        Assert.Equal("{\"status\":\"UP\"}", raw);

        // A bad token is anonymous here, not refused: a load balancer may send anything.
        Assert.Equal("{\"status\":\"UP\"}", (await GetReadyAsync(anonymous, "not.a.token")).Raw);

        var resident = await _server.IssueTokenAsync("health-resident", ["RESIDENT"]);
        Assert.Equal("{\"status\":\"UP\"}", (await GetReadyAsync(anonymous, resident)).Raw);

        var admin = await _server.IssueTokenAsync("health-admin", ["KEY_MANAGER_ADMIN"]);
        var detailed = JsonNode.Parse((await GetReadyAsync(anonymous, admin)).Raw)!;
        Assert.Equal("UP", detailed["checks"]!["vault"]!.GetValue<string>());
        Assert.Equal("UP", detailed["checks"]!["database"]!.GetValue<string>());
    }

    private Task<(int Status, JsonNode Body)> DecryptAsync(string data) =>
        _server.PostAsync("/v1/keymanager/decrypt", new { applicationId = "REGISTRATION", referenceId = "fail-closed", timeStamp = TimeStamp, data });

    private static async Task<(int Status, string Raw)> GetReadyAsync(HttpClient client, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health/ready", UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
