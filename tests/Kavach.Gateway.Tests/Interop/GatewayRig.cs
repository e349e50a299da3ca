using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Kavach.Hosting.Startup;
using Kavach.Keys.Policy;
using Kavach.Keys.Storage;
using Kavach.Testing;
using Kavach.Testing.PartnerChannel;
using Kavach.Trust.Channel;

namespace Kavach.Gateway.Tests.Interop;

/// <summary>
/// The real gateway (<see cref="KavachGateway.Build"/>) on a fresh data directory and a loopback HTTPS port, in front of
/// a <see cref="CountingBackend"/>, with one partner onboarded through the onboarding service: what the partner took
/// home (TLS chain, CA bundle, our two certificates) is written as files for the Python client.
/// </summary>
internal sealed class GatewayRig : IAsyncDisposable
{
    private readonly WebApplication _gateway;
    private readonly TempDirectory _dataDirectory;
    private readonly TempDirectory _files;

    private GatewayRig(WebApplication gateway, TempDirectory dataDirectory, TempDirectory files, CountingBackend backend, string url)
    {
        _gateway = gateway;
        _dataDirectory = dataDirectory;
        _files = files;
        Backend = backend;
        Url = url;
    }

    public CountingBackend Backend { get; }

    /// <summary>The gateway's base URL (https://127.0.0.1:port).</summary>
    public string Url { get; }

    public IServiceProvider Services => _gateway.Services;

    public static async Task<GatewayRig> StartAsync(string profile)
    {
        var backend = await CountingBackend.StartAsync();
        var dataDirectory = new TempDirectory("kavach-gw-data");
        var gateway = KavachGateway.Build(
        [
            "--urls=https://127.0.0.1:0",
            $"--Kavach:DataDir={dataDirectory.Path}",
            $"--Kavach:Gateway:Backend={backend.Url}",
            "--Kavach:Gateway:ApplicationId=IDA",
            $"--Kavach:Gateway:Profile={profile}",
            "--Logging:LogLevel:Default=Warning",
            "--Kavach:ZeroKnowledge:PoolSize=10",
        ]);
        await gateway.StartAsync();
        var ready = gateway.Services.GetRequiredService<KavachReadiness>().WhenReady(CancellationToken.None);
        Assert.True(await Task.WhenAny(ready, Task.Delay(TimeSpan.FromMinutes(2))) == ready, "the gateway did not become ready");

        // The protected application needs a key policy, as IDA's own database scripts add it in MOSIP.
        await gateway.Services.GetRequiredService<IKeyStore>().UpsertPolicyAsync(new KeyPolicy("IDA", 1095, 60, true, "NA"), CancellationToken.None);
        gateway.Services.GetRequiredService<KeyPolicyCatalog>().Invalidate();
        var master = await gateway.Services.GetRequiredService<Kavach.Keys.Management.KeyRing>().Generator
            .GenerateAsync("IDA", string.Empty, Kavach.Keys.Certificates.SubjectRequest.Empty, force: false, CancellationToken.None);
        Assert.True(master.IsSuccess, master.Error?.Message);
        var url = KavachGateway.Address(gateway).GetLeftPart(UriPartial.Authority);
        return new GatewayRig(gateway, dataDirectory, new TempDirectory("kavach-gw-files"), backend, url);
    }

    /// <summary>Onboards <paramref name="partner"/> and returns the Python client's configuration for it.</summary>
    public async Task<JsonObject> OnboardAsync(PartnerChannelPki pki, PartnerIdentity partner, string profile)
    {
        using var tlsKey = RSA.Create(2048);
        var csr = new CertificateRequest($"CN={partner.PartnerId}, O=Kavach Tests", tlsKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var onboarding = _gateway.Services.GetRequiredService<PartnerOnboardingService>();
        var result = await onboarding.OnboardAsync(new PartnerOnboardingRequest(
            partner.PartnerId, "Kavach Tests", "AUTH", pki.PartnerCa.Certificate.ExportCertificatePem(),
            partner.Signing.Certificate.ExportCertificatePem(), partner.Encryption.Certificate.ExportCertificatePem(),
            csr.CreateSigningRequestPem(), "IDA"), "operator", CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.Message);

        string Write(string name, string content)
        {
            var path = _files.File($"{partner.PartnerId}-{name}");
            File.WriteAllText(path, content);
            return path;
        }

        return new JsonObject
        {
            ["profile"] = profile,
            ["method"] = "POST",
            ["tlsCert"] = Write("tls-chain.pem", result.Value.TlsChain),
            ["tlsKey"] = Write("tls.key", tlsKey.ExportPkcs8PrivateKeyPem()),
            ["caBundle"] = Write("ca-bundle.pem", result.Value.CaBundle),
            ["signingKey"] = partner.Signing.KeyPath,
            ["signingCert"] = partner.Signing.CertificatePath,
            ["encryptionKey"] = partner.Encryption.KeyPath,
            ["encryptionCert"] = partner.Encryption.CertificatePath,
            ["serverSigningCert"] = Write("server-signing.pem", result.Value.ServerSigningCertificate),
            ["serverEncryptionCert"] = Write("server-encryption.pem", result.Value.ServerEncryptionCertificate),
        };
    }

    /// <summary>Revokes the partner (all three certificates at once).</summary>
    public async Task RevokeAsync(string partnerId)
    {
        var revoked = await _gateway.Services.GetRequiredService<PartnerOnboardingService>().RevokeAsync(partnerId, "test", "operator", CancellationToken.None);
        Assert.True(revoked.IsSuccess, revoked.Error?.Message);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        await Backend.DisposeAsync();
        _files.Dispose();
        _dataDirectory.Dispose();
    }
}
