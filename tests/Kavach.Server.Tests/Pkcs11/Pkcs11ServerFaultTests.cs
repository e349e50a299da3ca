using Kavach.Hosting.Composition;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.Server.Tests.Support;
using Kavach.Testing;

namespace Kavach.Server.Tests.Pkcs11;

/// <summary>
/// HSM faults under a running server: not-ready on /health/ready with the reason, clean 503 envelopes for key
/// operations, and recovery without a restart once the token (or library) is back.
/// </summary>
[Collection(Pkcs11Collection.Name)]
public sealed class Pkcs11ServerFaultTests
{
    private static readonly string Payload = Base64Url.Encode(Encoding.UTF8.GetBytes("{\"fault\":\"test\"}"));
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task A_token_removed_under_the_running_server_gives_503_and_not_ready_then_recovers_by_itself()
    {
        await using var server = await Pkcs11Server.StartAsync(await SoftHsm.CreateTokenAsync());
        var before = await JwtSignAsync(server);
        Assert.Equal(200, before.Status);

        var aside = server.Token.Remove();
        try
        {
            var (status, body, raw) = await JwtSignAsync(server);
            AssertCleanUnavailable(status, body, raw, "Key vault unavailable; retry later", server);

            var (readyStatus, ready) = await server.GetAsync("/health/ready");
            Assert.Equal(503, readyStatus);
            Assert.Equal("DOWN", ready["status"]!.GetValue<string>());
            var vault = ready["checks"]!["vault"]!.GetValue<string>();
            Assert.StartsWith("DOWN: The PKCS#11 ", vault, StringComparison.Ordinal);
            Assert.DoesNotContain(server.Token.TokenDirectory, vault, StringComparison.Ordinal);

            // It stays down (and keeps answering cleanly) while the token is away.
            var again = await JwtSignAsync(server);
            AssertCleanUnavailable(again.Status, again.Body, again.Raw, "Key vault unavailable; retry later", server);
        }
        finally
        {
            server.Token.Restore(aside);
        }

        await WaitForReadyAsync(server);
        var (afterStatus, after, _) = await JwtSignAsync(server);
        Assert.Equal(200, afterStatus);
        var verify = (await server.PostAsync("/v1/keymanager/jwtVerify", new { jwtSignatureData = after.Field("jwtSignedData") })).Body;
        Assert.True(verify.Response()["signatureValid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Hsm_pulled_cached_base_key_decrypt_is_refused_with_503_until_the_token_is_back()
    {
        await using var server = await Pkcs11Server.StartAsync(await SoftHsm.CreateTokenAsync());
        var plaintext = Base64Url.Encode(Encoding.UTF8.GetBytes("{\"kill\":\"switch\"}"));
        var encrypted = (await server.PostAsync("/v1/keymanager/encrypt", new { applicationId = "REGISTRATION", referenceId = "kill-switch", timeStamp = "2025-01-01T10:00:00.000Z", data = plaintext, prependThumbprint = true })).Body.Field("data");
        var warm = await DecryptAsync(server, encrypted);
        Assert.Equal(200, warm.Status);
        Assert.Equal(plaintext, warm.Body.Field("data"));
        Assert.True(server.Runtime.PrivateKeys.Count > 0, "the base key should be cached");

        var aside = server.Token.Remove();
        try
        {
            // The probe (a load balancer's, or the vault monitor's) finds the token gone.
            var (readyStatus, ready) = await server.GetAsync("/health/ready");
            Assert.Equal(503, readyStatus);
            Assert.StartsWith("DOWN: The PKCS#11 ", ready["checks"]!["vault"]!.GetValue<string>(), StringComparison.Ordinal);

            // The base key is in memory, but it is not used: the operator pulled the HSM to stop decryption.
            var (status, body, raw) = await DecryptAsync(server, encrypted);
            AssertCleanUnavailable(status, body, raw, "Key vault unavailable; retry later", server);
            Assert.DoesNotContain(plaintext, raw, StringComparison.Ordinal);
            Assert.Equal(0, server.Runtime.PrivateKeys.Count);

            // Anonymous callers learn DOWN, not why.
            using var anonymous = new HttpClient { BaseAddress = server.Client.BaseAddress };
            using var anonymousReady = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative));
            Assert.Equal(503, (int)anonymousReady.StatusCode);
            Assert.Equal("{\"status\":\"DOWN\"}", await anonymousReady.Content.ReadAsStringAsync());
        }
        finally
        {
            server.Token.Restore(aside);
        }

        await WaitForReadyAsync(server);
        var after = await DecryptAsync(server, encrypted);
        Assert.Equal(200, after.Status);
        Assert.Equal(plaintext, after.Body.Field("data"));
    }

    [Fact]
    public async Task A_token_missing_at_start_up_leaves_the_server_not_ready_until_the_token_is_back()
    {
        var token = await SoftHsm.CreateTokenAsync();
        var aside = token.Remove();
        await using var server = await Pkcs11Server.StartAsync(token, waitForReady: false);

        var (readyStatus, ready) = await WaitForStartupFailureAsync(server);
        Assert.Equal(503, readyStatus);

        // No operator can authenticate before the vault opens: readiness says DOWN and keeps the reason to the log.
        Assert.Equal("{\"status\":\"DOWN\"}", ready.ToJsonString());

        // No admin token exists before the vault opens (it is signed with a vault key): whichever layer answers,
        // a key operation gets a clean 503.
        using (var anonymous = new HttpClient { BaseAddress = server.Client.BaseAddress })
        using (var content = new StringContent(TestServer.Wrap(new { dataToSign = Payload }), Encoding.UTF8, "application/json"))
        {
            anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not.a.token");
            using var response = await anonymous.PostAsync(new Uri("/v1/keymanager/jwtSign", UriKind.Relative), content);
            var raw = await response.Content.ReadAsStringAsync();
            AssertCleanUnavailable((int)response.StatusCode, JsonNode.Parse(raw)!, raw, null, server);
            Assert.DoesNotContain(token.TokenDirectory, raw, StringComparison.Ordinal);
        }

        // The token comes back (an HSM reconnected): the start-up retries pick it up, no restart.
        token.Restore(aside);
        await server.WaitStartedAsync(RecoveryLimit);
        await WaitForReadyAsync(server);
        Assert.Equal(200, (await JwtSignAsync(server)).Status);
        Assert.Equal(200, (await server.GetAsync("/v1/keymanager/getCertificate?applicationId=ROOT")).Status);
    }

    [Fact]
    public async Task A_library_path_that_does_not_exist_stops_the_start_naming_the_setting()
    {
        using var libraries = new TempDirectory("kavach-p11-lib");
        var library = Path.Combine(libraries.Path, "libsofthsm2.so");
        var token = await SoftHsm.SharedTokenAsync();
        using var data = new TempDirectory("kavach-p11-badlib");
        var error = Assert.Throws<KavachConfigurationException>(() => KavachServer.Build(
            ["--urls=http://127.0.0.1:0", $"--Kavach:DataDir={data.Path}", .. token.ServerArguments(library)]));
        Assert.Equal("Kavach:Vault:Pkcs11:Library", error.Setting);
        Assert.DoesNotContain(token.Pin, error.Message, StringComparison.Ordinal);
    }

    private static Task<(int Status, JsonNode Body, string Raw)> DecryptAsync(Pkcs11Server server, string data) =>
        server.PostAsync("/v1/keymanager/decrypt", new { applicationId = "REGISTRATION", referenceId = "kill-switch", timeStamp = "2025-01-01T10:00:00.000Z", data });

    private static Task<(int Status, JsonNode Body, string Raw)> JwtSignAsync(Pkcs11Server server) =>
        server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = Payload, applicationId = "KERNEL", referenceId = "SIGN", includePayload = true });

    private static void AssertCleanUnavailable(int status, JsonNode body, string raw, string? message, Pkcs11Server server)
    {
        Assert.True(status == 503, raw);
        Assert.Null(body["response"]);
        var error = Assert.Single(body["errors"]!.AsArray());
        if (message is not null)
        {
            Assert.Equal(message, error!["message"]!.GetValue<string>());
        }

        // Nothing of the token, the library or the stack leaks into the answer.
        Assert.DoesNotContain("CKR_", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Token.Label, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Token.Pin, raw, StringComparison.Ordinal);
    }

    // The first start-up attempt fails within moments; until then the status is "starting". The probe after it is DOWN.
    private static async Task<(int Status, JsonNode Body)> WaitForStartupFailureAsync(Pkcs11Server server)
    {
        var deadline = TimeProvider.System.GetUtcNow() + RecoveryLimit;
        while (true)
        {
            var (status, body) = await server.GetAsync("/health/ready");
            if (server.StartupStatus.Contains("failed", StringComparison.Ordinal) || TimeProvider.System.GetUtcNow() > deadline)
            {
                return (status, body);
            }

            await Task.Delay(100);
        }
    }

    private static async Task WaitForReadyAsync(Pkcs11Server server)
    {
        var deadline = TimeProvider.System.GetUtcNow() + RecoveryLimit;
        while (true)
        {
            var (status, body) = await server.GetAsync("/health/ready");
            if (status == 200)
            {
                return;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"not ready after {RecoveryLimit}: {body.ToJsonString()}");
            await Task.Delay(250);
        }
    }
}
