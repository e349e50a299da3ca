using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Vault;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Security.KeyUsage;

/// <summary>
/// Issue 12, key usage separation: no signing endpoint makes an issuing key (ROOT, a module key, PMS, KERNEL,
/// TOKEN_ISSUER) sign bytes a caller chose, so a certificate cannot be forged through the API; data is signed by
/// non-CA signing keys chained to the module keys.
/// </summary>
public sealed class KeyUsageSeparationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string JsonPayload = "eyJzdWIiOiJhdHRhY2tlciJ9"; // {"sub":"attacker"}

    private readonly TestServer _server = fixture.Server;

    public static TheoryData<string> AppEndpoints =>
        ["signRawData", "signV2", "jwtSign", "jwtSign/v2", "jwsSign", "jwsSign/v2"];

    [Theory]
    [MemberData(nameof(AppEndpoints))]
    public async Task Forging_a_certificate_with_every_issuing_key_through_the_endpoint_fails(string endpoint)
    {
        var issuers = await IssuingKeysAsync();
        Assert.Contains(issuers, i => i.AppId == "ROOT");
        Assert.Contains(issuers, i => i.AppId == "PMS");
        Assert.Contains(issuers, i => i.AppId == "KERNEL");
        Assert.Contains(issuers, i => i.AppId == "TOKEN_ISSUER");
        var root = issuers.Single(i => i.AppId == "ROOT").Certificate;
        var attempts = 0;
        var signedByOthers = 0;

        foreach (var (appId, victim) in issuers)
        {
            using var forged = new ForgedCertificate(victim, _server.Time.GetUtcNow());
            var signature = await SignAsync(endpoint, appId, forged.Tbs);
            attempts++;
            if (signature is null)
            {
                continue; // refused
            }

            signedByOthers++;
            foreach (var (otherApp, issuer) in issuers)
            {
                Assert.False(Verifies(issuer, signature.Input, signature.Value), $"{endpoint} with {appId}: signature verifies under the issuing key of {otherApp}");
            }

            if (endpoint is "signRawData" or "signV2")
            {
                // The raw signature is over the attacker's TBSCertificate: the forged certificate must not verify.
                var pem = forged.WithSignature(signature.Value);
                var (ok, output) = await Pems.VerifyAtAsync(_server.Time.GetUtcNow(), root.ExportCertificatePem(), pem, victim.ExportCertificatePem());
                Assert.False(ok, $"{endpoint} with {appId}: forged certificate verified: {output}");
            }

            // What did sign is a data-signing key: not a CA, digitalSignature only, chained to the app's module key.
            if (signature.Signer is { } signer)
            {
                Assert.False(KeyUsageRules.CanIssue(signer));
                Assert.True(Verifies(signer, signature.Input, signature.Value));
            }
        }

        Assert.Equal(issuers.Count, attempts);
        Assert.True(signedByOthers > 0, "no app signed at all: the test would prove nothing");
    }

    [Fact]
    public async Task Root_signs_no_data_at_all()
    {
        var tbs = Base64Url.Encode(RandomNumberGenerator.GetBytes(64));
        foreach (var referenceId in new[] { "", "SIGN" })
        {
            var (_, body) = await _server.PostAsync("/v1/keymanager/signRawData", new { dataToSign = tbs, applicationId = "ROOT", referenceId, responseEncodingFormat = "base64url", signAlgorithm = "RS256" });
            Assert.Equal("KER-KMS-020", body.ErrorCode());
        }

        Assert.Empty(await _server.Runtime.Store.GetAliasesAsync("ROOT", KeyIds.Sign, CancellationToken.None));
    }

    [Fact]
    public async Task Forging_a_certificate_through_legacy_sign_and_cssign_fails()
    {
        var issuers = await IssuingKeysAsync();
        var root = issuers.Single(i => i.AppId == "ROOT").Certificate;
        var kernel = issuers.Single(i => i.AppId == "KERNEL").Certificate;

        // Legacy /sign: KERNEL/SIGN over the caller's text.
        var text = "forged";
        var legacy = (await _server.PostAsync("/v1/keymanager/sign", new { data = text })).Body.Field("signature");
        var parts = legacy.Split('.');
        var legacyInput = Encoding.ASCII.GetBytes(parts[0] + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(text)));
        var legacySignature = Decode(parts[2]);
        Assert.All(issuers, i => Assert.False(Verifies(i.Certificate, legacyInput, legacySignature), $"legacy sign verifies under {i.AppId}"));
        using var kernelSign = await CurrentAsync("KERNEL", KeyIds.Sign);
        Assert.True(Verifies(kernelSign, legacyInput, legacySignature));
        Assert.False(KeyUsageRules.CanIssue(kernelSign));

        // /cssign: the client-crypto instance key signs the caller's bytes.
        using var forged = new ForgedCertificate(kernel, _server.Time.GetUtcNow());
        var signature = Decode((await _server.PostAsync("/v1/keymanager/cssign", new { data = Base64Url.Encode(forged.Tbs) })).Body.Field("data"));
        Assert.All(issuers, i => Assert.False(Verifies(i.Certificate, forged.Tbs, signature), $"cssign verifies under {i.AppId}"));
        var (ok, output) = await Pems.VerifyAtAsync(_server.Time.GetUtcNow(), root.ExportCertificatePem(), forged.WithSignature(signature), kernel.ExportCertificatePem());
        Assert.False(ok, output);

        // ... and the key that did sign is the one /tpmsigning/publickey names (csverifysign still works).
        var publicKey = (await _server.PostAsync("/v1/keymanager/tpmsigning/publickey", new { serverProfile = "x" })).Body.Field("publicKey");
        var verified = (await _server.PostAsync("/v1/keymanager/csverifysign", new { data = Base64Url.Encode(forged.Tbs), signature = Base64Url.Encode(signature), publicKey, clientType = "LOCAL" })).Body;
        Assert.True(verified.Response()["verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_certificate_issued_by_a_data_signing_key_does_not_chain()
    {
        // Even a perfect signature by a data-signing key issues nothing: the key is not a CA.
        var root = (await IssuingKeysAsync()).Single(i => i.AppId == "ROOT").Certificate;
        var payload = Base64Url.Encode(RandomNumberGenerator.GetBytes(8));
        _ = (await _server.PostAsync("/v1/keymanager/signRawData", new { dataToSign = payload, applicationId = "REGISTRATION", referenceId = "", responseEncodingFormat = "base64url", signAlgorithm = "RS256" })).Body.Response();
        using var signer = await CurrentAsync("REGISTRATION", KeyIds.Sign);
        using var module = await CurrentAsync("REGISTRATION", string.Empty);
        using var forged = new ForgedCertificate(signer, _server.Time.GetUtcNow());

        var body = (await _server.PostAsync("/v1/keymanager/signRawData", new { dataToSign = Base64Url.Encode(forged.Tbs), applicationId = "REGISTRATION", referenceId = "", responseEncodingFormat = "base64url", signAlgorithm = "RS256" })).Body;
        var pem = forged.WithSignature(Decode(body.Field("signedData")));

        Assert.True(Verifies(signer, forged.Tbs, Decode(body.Field("signedData"))));
        var (signerOk, signerOutput) = await Pems.VerifyAtAsync(_server.Time.GetUtcNow(), root.ExportCertificatePem(), signer.ExportCertificatePem(), module.ExportCertificatePem());
        Assert.True(signerOk, signerOutput);
        var (ok, output) = await Pems.VerifyAtAsync(_server.Time.GetUtcNow(), root.ExportCertificatePem(), pem, signer.ExportCertificatePem(), module.ExportCertificatePem());
        Assert.False(ok, output);
    }

    [Fact]
    public async Task Module_key_signatures_come_from_the_app_signing_key_and_verify_with_the_module_ids()
    {
        var jws = (await _server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = JsonPayload, applicationId = "RESIDENT", referenceId = "", includePayload = true, includeCertificate = true })).Body.Field("jwtSignedData");
        var header = JsonNode.Parse(Decode(jws.Split('.')[0]))!;
        using var x5c = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(header["x5c"]![0]!.GetValue<string>()));
        using var signer = await CurrentAsync("RESIDENT", KeyIds.Sign);
        using var module = await CurrentAsync("RESIDENT", string.Empty);

        Assert.Equal(signer.RawData, x5c.RawData);
        Assert.Equal(module.SubjectName.RawData, x5c.IssuerName.RawData);
        var basic = x5c.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.False(basic.CertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, x5c.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal(2048, x5c.GetRSAPublicKey()!.KeySize);

        // The kid names the signing key; verification by (app, "") finds it with and without the certificate.
        var signingAlias = (await _server.Runtime.Store.GetAliasesAsync("RESIDENT", KeyIds.Sign, CancellationToken.None)).Single(a => a.CertThumbprint == x5c.GetCertHashString(HashAlgorithmName.SHA256));
        Assert.EndsWith(Kavach.Keys.Management.UniqueIdentifiers.KeyId(signingAlias.UniqueIdentifier!), header["kid"]!.GetValue<string>(), StringComparison.Ordinal);
        var withoutX5c = (await _server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = JsonPayload, applicationId = "RESIDENT", referenceId = "", includePayload = true })).Body.Field("jwtSignedData");
        var noKid = (await _server.PostAsync("/v1/keymanager/jwsSign", new { dataToSign = JsonPayload, applicationId = "RESIDENT", referenceId = "", includePayload = true, validateJson = true, b64JWSHeaderParam = true })).Body.Field("jwtSignedData");
        foreach (var token in new[] { jws, withoutX5c, noKid })
        {
            var verify = (await _server.PostAsync("/v1/keymanager/jwtVerify", new { jwtSignatureData = token, applicationId = "RESIDENT", referenceId = "" })).Body.Response();
            Assert.True(verify["signatureValid"]!.GetValue<bool>(), token);
        }

        // getCertificate (app, "") still answers the module key.
        var certificate = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=RESIDENT&referenceId=")).Body.Certificate();
        Assert.Equal(module.RawData, certificate.RawData);
        Assert.True(KeyUsageRules.CanIssue(certificate));
    }

    [Fact]
    public async Task A_kernel_sign_key_made_with_the_old_CA_profile_is_replaced_before_it_signs()
    {
        var runtime = _server.Runtime;
        var legacy = await PlantLegacyKernelSignAsync();
        var data = Base64Url.Encode("after upgrade"u8);

        var body = (await _server.PostAsync("/v1/keymanager/signRawData", new { dataToSign = data, responseEncodingFormat = "base64url", signAlgorithm = "RS256" })).Body;

        var used = X509Certificate2.CreateFromPem(body.Field("certificate"));
        Assert.NotEqual(legacy.Thumbprint, used.Thumbprint);
        Assert.False(KeyUsageRules.CanIssue(used));
        var aliases = await runtime.Store.GetAliasesAsync("KERNEL", KeyIds.Sign, CancellationToken.None);
        Assert.True(aliases.Single(a => a.Id == legacy.AliasId).ExpiresAt <= runtime.Ring.Now, "the CA-profile key is still current");
        Assert.Throws<KeyUsageException>(() => runtime.Vault.SignData(legacy.AliasId, [1], VaultSignatureAlgorithm.RsaPkcs1Sha256));

        // Legacy /sign and the audit checkpoints use the successor too.
        var signature = (await _server.PostAsync("/v1/keymanager/sign", new { data = "x" })).Body.Field("signature");
        Assert.Equal("success", (await _server.PostAsync("/v1/keymanager/validate", new { signature, data = "x", timestamp = "2025-01-01T10:00:00.000Z" })).Body.Field("status"));
    }

    [Fact]
    public async Task An_app_sign_row_without_a_vault_key_is_replaced_by_a_vault_signing_key()
    {
        // Older versions made (APP, SIGN) for apps other than KERNEL as a database base key: no vault key under its alias.
        var runtime = _server.Runtime;
        var now = runtime.Ring.Now;
        var staleId = Guid.NewGuid().ToString();
        await using (var scope = await runtime.Store.BeginWriteAsync("ID_REPO", KeyIds.Sign, CancellationToken.None))
        {
            await scope.InsertAliasAsync(new Kavach.Keys.Storage.KeyAlias(staleId, "ID_REPO", KeyIds.Sign, now.AddDays(-1), now.AddDays(300), new string('A', 64), new string('B', 40)), CancellationToken.None);
            await scope.CommitAsync(CancellationToken.None);
        }

        var body = (await _server.PostAsync("/v1/keymanager/signRawData", new { dataToSign = Base64Url.Encode("x"u8), applicationId = "ID_REPO", referenceId = "", responseEncodingFormat = "base64url", signAlgorithm = "RS256" })).Body;

        Assert.False(KeyUsageRules.CanIssue(X509Certificate2.CreateFromPem(body.Field("certificate"))));
        var aliases = await runtime.Store.GetAliasesAsync("ID_REPO", KeyIds.Sign, CancellationToken.None);
        Assert.True(aliases.Single(a => a.Id == staleId).ExpiresAt <= runtime.Ring.Now);
    }

    private async Task<(string AliasId, string Thumbprint)> PlantLegacyKernelSignAsync()
    {
        // What an older version left behind: KERNEL/SIGN with the module-key (CA) profile, issued by ROOT, current.
        var runtime = _server.Runtime;
        var rootAlias = (await runtime.Store.GetAliasesAsync("ROOT", string.Empty, CancellationToken.None))[^1];
        using var rootCertificate = (await runtime.Vault.GetCertificateAsync(rootAlias.Id, CancellationToken.None))!;
        var now = runtime.Ring.Now;
        var aliasId = Guid.NewGuid().ToString();
        using var certificate = await runtime.Vault.CreateKeyPairAsync(
            aliasId,
            VaultKeyType.Rsa2048,
            (publicKey, _) => runtime.Vault.IssueCertificate(
                rootAlias.Id,
                Kavach.Keys.Certificates.CertificateFactory.Prepare(
                    Kavach.Keys.Certificates.CertificateProfile.Master, new X500DistinguishedName("CN=legacy KERNEL SIGN"), publicKey, rootCertificate, now.AddMinutes(-1), now.AddDays(300))),
            CancellationToken.None);
        await using var scope = await runtime.Store.BeginWriteAsync("KERNEL", KeyIds.Sign, CancellationToken.None);
        foreach (var alias in await scope.GetAliasesAsync(CancellationToken.None))
        {
            if (alias.ExpiresAt > now)
            {
                await scope.SetExpiryAsync(alias.Id, now.AddMinutes(-2), CancellationToken.None);
            }
        }

        await scope.InsertAliasAsync(
            new Kavach.Keys.Storage.KeyAlias(
                aliasId, "KERNEL", KeyIds.Sign, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(),
                certificate.GetCertHashString(HashAlgorithmName.SHA256), Convert.ToHexString(RandomNumberGenerator.GetBytes(20))),
            CancellationToken.None);
        await scope.CommitAsync(CancellationToken.None);
        Assert.True(KeyUsageRules.CanIssue(certificate));
        return (aliasId, certificate.Thumbprint);
    }

    private async Task<Signature?> SignAsync(string endpoint, string appId, byte[] tbs)
    {
        var data = Base64Url.Encode(tbs);
        JsonNode body = endpoint switch
        {
            "signRawData" or "signV2" => (await _server.PostAsync($"/v1/keymanager/{endpoint}", new { dataToSign = data, applicationId = appId, referenceId = "", responseEncodingFormat = "base64url", signAlgorithm = "RS256" })).Body,
            "jwtSign" or "jwtSign/v2" => (await _server.PostAsync($"/v1/keymanager/{endpoint}", new { dataToSign = JsonPayload, applicationId = appId, referenceId = "", includePayload = true, includeCertificate = true, includeCertificateChain = true })).Body,
            _ => (await _server.PostAsync($"/v1/keymanager/{endpoint}", new { dataToSign = data, applicationId = appId, referenceId = "", includePayload = false, includeCertificate = true, includeCertificateChain = true, validateJson = false, b64JWSHeaderParam = false, signAlgorithm = "RS256" })).Body,
        };
        if (body["errors"] is JsonArray { Count: > 0 })
        {
            Assert.Null(body["response"]);
            return null;
        }

        switch (endpoint)
        {
            case "signRawData":
                return new Signature(tbs, Decode(body.Field("signedData")), X509Certificate2.CreateFromPem(body.Field("certificate")));
            case "signV2":
                return new Signature(tbs, Decode(body.Field("signature")), null);
        }

        var parts = body.Field("jwtSignedData").Split('.');
        var header = JsonNode.Parse(Decode(parts[0]))!;
        var signer = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(header["x5c"]![0]!.GetValue<string>()));
        byte[] input = endpoint.StartsWith("jwt", StringComparison.Ordinal)
            ? Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])
            : [.. Encoding.ASCII.GetBytes(parts[0] + "."), .. tbs];
        return new Signature(input, Decode(parts[2]), signer);
    }

    private async Task<List<(string AppId, X509Certificate2 Certificate)>> IssuingKeysAsync()
    {
        // Make sure TOKEN_ISSUER's keys exist (the admin token made them at start-up).
        var issuers = new List<(string, X509Certificate2)>();
        foreach (var policy in await _server.Runtime.Store.GetPoliciesAsync(CancellationToken.None))
        {
            if (policy.AppId == "BASE" || (await _server.Runtime.Store.GetAliasesAsync(policy.AppId, string.Empty, CancellationToken.None)).Count == 0)
            {
                continue;
            }

            var current = await _server.Runtime.Ring.GetCurrentAsync(policy.AppId, string.Empty, CancellationToken.None);
            Assert.True(current.IsSuccess, $"{policy.AppId}: {current.Error?.Message}");
            Assert.True(KeyUsageRules.CanIssue(current.Value.Certificate), policy.AppId);
            issuers.Add((policy.AppId, current.Value.Certificate));
        }

        return issuers;
    }

    private async Task<X509Certificate2> CurrentAsync(string appId, string refId)
    {
        var current = await _server.Runtime.Ring.GetCurrentAsync(appId, refId, CancellationToken.None);
        Assert.True(current.IsSuccess, current.Error?.Message);
        return X509CertificateLoader.LoadCertificate(current.Value.Certificate.RawData);
    }

    private static bool Verifies(X509Certificate2 certificate, byte[] input, byte[] signature)
    {
        using var rsa = certificate.GetRSAPublicKey();
        return rsa is not null &&
            (rsa.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1) ||
             rsa.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
    }

    private static byte[] Decode(string base64Url)
    {
        Assert.True(Base64Url.TryDecodeUrlSafe(base64Url, out var bytes), base64Url);
        return bytes;
    }

    private sealed record Signature(byte[] Input, byte[] Value, X509Certificate2? Signer);
}
