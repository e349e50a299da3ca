using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.DeviceAgent.Keys;
using Kavach.DeviceAgent.Keys.Tpm;
using Kavach.Testing;

using Kavach.DeviceAgent.Tests.Support;

namespace Kavach.DeviceAgent.Tests.Keys;

public sealed class TpmKeyStoreTests
{
    private static readonly byte[] Data = "kavach device check-in"u8.ToArray();

    private static async Task<(TpmKeyStore Store, SwTpmToken Token)> StoreAsync()
    {
        var token = await SwTpm.TokenAsync();
        return (new TpmKeyStore(new TpmKeyStoreOptions { ModulePath = token.Module, TokenLabel = token.TokenLabel, PinFile = token.PinFile }), token);
    }

    private static string NewLabel() => DeviceKeyLabels.Device("SN" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), 1);

    [Fact]
    public async Task Created_key_signs_in_the_tpm_and_verifies_with_its_public_key()
    {
        var (store, _) = await StoreAsync();
        var label = NewLabel();
        using var rsa = await store.CreateAsync(label, CancellationToken.None);
        Assert.Equal("tpm", store.Kind);
        Assert.True(store.IsHardware);
        Assert.Equal(2048, rsa.KeySize);

        var signature = rsa.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var verifier = RSA.Create();
        verifier.ImportRSAPublicKey(rsa.ExportRSAPublicKey(), out _);
        Assert.True(verifier.VerifyData(Data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.True(verifier.VerifyData(Data, rsa.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss), HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        await store.DestroyAsync(label, CancellationToken.None);
    }

    [Fact]
    public async Task Private_key_is_sensitive_and_never_extractable_by_pkcs11_and_by_pkcs11_tool()
    {
        var (store, token) = await StoreAsync();
        var label = NewLabel();
        using var rsa = await store.CreateAsync(label, CancellationToken.None);

        var attributes = await store.ReadAttributesAsync(label, CancellationToken.None);
        Assert.Equal(new TpmKeyAttributes(Extractable: false, Sensitive: true, NeverExtractable: true, Local: true), attributes);

        var own = await TpmObjects.PrivateKeyAsync(token, label);
        Assert.NotNull(own);
        Assert.Contains("never extractable", own, StringComparison.Ordinal);
        Assert.Contains("sensitive", own, StringComparison.Ordinal);

        Assert.ThrowsAny<CryptographicException>(() => rsa.ExportParameters(includePrivateParameters: true));
        Assert.ThrowsAny<CryptographicException>(() => rsa.ExportPkcs8PrivateKey());
        await store.DestroyAsync(label, CancellationToken.None);
    }

    [Fact]
    public async Task Same_label_twice_is_refused()
    {
        var (store, _) = await StoreAsync();
        var label = NewLabel();
        using var rsa = await store.CreateAsync(label, CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync(label, CancellationToken.None));
        await store.DestroyAsync(label, CancellationToken.None);
    }

    [Fact]
    public async Task Key_opened_by_a_new_store_instance_signs_with_the_same_key()
    {
        var (store, token) = await StoreAsync();
        var label = NewLabel();
        byte[] publicKey;
        using (var created = await store.CreateAsync(label, CancellationToken.None))
        {
            publicKey = created.ExportSubjectPublicKeyInfo();
        }

        var again = new TpmKeyStore(new TpmKeyStoreOptions { ModulePath = token.Module, TokenLabel = token.TokenLabel, PinFile = token.PinFile });
        using var opened = await again.OpenAsync(label, CancellationToken.None);
        Assert.NotNull(opened);
        using var verifier = RSA.Create();
        verifier.ImportSubjectPublicKeyInfo(publicKey, out _);
        Assert.True(verifier.VerifyData(Data, opened.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Null(await again.OpenAsync(NewLabel(), CancellationToken.None));
        await store.DestroyAsync(label, CancellationToken.None);
    }

    [Fact]
    public async Task Destroy_removes_both_halves_and_is_idempotent()
    {
        var (store, token) = await StoreAsync();
        var label = NewLabel();
        using (await store.CreateAsync(label, CancellationToken.None))
        {
        }

        var (_, before, _) = await TpmObjects.ListAsync(token);
        Assert.Equal(2, before.Split($"label:      {label}\n").Length - 1);

        await store.DestroyAsync(label, CancellationToken.None);
        await store.DestroyAsync(label, CancellationToken.None);

        var (code, after, error) = await TpmObjects.ListAsync(token);
        Assert.True(code == 0, error);
        Assert.DoesNotContain(label, after, StringComparison.Ordinal);
        Assert.Null(await store.OpenAsync(label, CancellationToken.None));
        Assert.Null(await store.ReadAttributesAsync(label, CancellationToken.None));
    }

    [Fact]
    public async Task Key_made_after_a_destroyed_one_opens_by_label_and_signs_with_its_own_key()
    {
        // tpm2-pkcs11 gives the new key the destroyed key's object handles; an engine that had seen the old key must
        // not be the one that opens the new.
        var (store, _) = await StoreAsync();
        var first = NewLabel();
        using (await store.CreateAsync(first, CancellationToken.None))
        {
        }

        await store.DestroyAsync(first, CancellationToken.None);
        var second = NewLabel();
        byte[] publicKey;
        using (var created = await store.CreateAsync(second, CancellationToken.None))
        {
            publicKey = created.ExportSubjectPublicKeyInfo();
        }

        using var opened = await store.OpenAsync(second, CancellationToken.None);
        Assert.NotNull(opened);
        Assert.Equal(publicKey, opened.ExportSubjectPublicKeyInfo());
        using var verifier = RSA.Create();
        verifier.ImportSubjectPublicKeyInfo(publicKey, out _);
        Assert.True(verifier.VerifyData(Data, opened.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        await store.DestroyAsync(second, CancellationToken.None);
    }

    [Fact]
    public async Task Concurrent_signing_from_several_keys_works()
    {
        var (store, _) = await StoreAsync();
        var labels = Enumerable.Range(0, 3).Select(_ => NewLabel()).ToArray();
        var keys = new List<RSA>();
        foreach (var label in labels)
        {
            keys.Add(await store.CreateAsync(label, CancellationToken.None));
        }

        var results = await Task.WhenAll(keys.SelectMany(k => Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var signature = k.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return k.VerifyData(Data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }))));
        Assert.All(results, Assert.True);
        foreach (var (key, label) in keys.Zip(labels))
        {
            key.Dispose();
            await store.DestroyAsync(label, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Tls13_client_certificate_with_its_key_in_the_tpm_is_accepted_and_seen_by_the_server()
    {
        var (store, _) = await StoreAsync();
        var label = NewLabel();
        using var clientKey = await store.CreateAsync(label, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var request = new CertificateRequest("CN=tpm-device", clientKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var clientCertificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        Assert.True(clientCertificate.HasPrivateKey);

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var serverCertificate = serverRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        X509Certificate? seen = null;
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            using var ssl = new SslStream(socket.GetStream());
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = serverCertificate,
                ClientCertificateRequired = true,
                EnabledSslProtocols = SslProtocols.Tls13,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
            });
            seen = ssl.RemoteCertificate;
            var buffer = new byte[5];
            await ssl.ReadExactlyAsync(buffer);
            await ssl.WriteAsync(buffer);
            return ssl.SslProtocol;
        });

        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            using var ssl = new SslStream(client.GetStream());
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                EnabledSslProtocols = SslProtocols.Tls13,
                ClientCertificates = [clientCertificate],
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
            });
            Assert.Equal(SslProtocols.Tls13, ssl.SslProtocol);
            await ssl.WriteAsync("hello"u8.ToArray());
            var echo = new byte[5];
            await ssl.ReadExactlyAsync(echo);
            Assert.Equal("hello"u8.ToArray(), echo);
        }

        await server.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(seen);
        Assert.Equal(clientCertificate.Thumbprint, X509CertificateLoader.LoadCertificate(seen.GetRawCertData()).Thumbprint);
        await store.DestroyAsync(label, CancellationToken.None);
    }

    [Fact]
    public async Task Missing_token_is_reported_plainly_without_the_pin()
    {
        var token = await SwTpm.TokenAsync();
        var pin = File.ReadAllText(token.PinFile).Trim();
        var store = new TpmKeyStore(new TpmKeyStoreOptions { ModulePath = token.Module, TokenLabel = "no-such-token", PinFile = token.PinFile });
        var e = await Assert.ThrowsAsync<TpmUnavailableException>(() => store.CreateAsync(NewLabel(), CancellationToken.None));
        Assert.Contains("no-such-token", e.Message, StringComparison.Ordinal);
        Assert.Contains("TCTI", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(pin, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_module_is_reported_plainly_without_the_pin()
    {
        var token = await SwTpm.TokenAsync();
        var pin = File.ReadAllText(token.PinFile).Trim();
        var store = new TpmKeyStore(new TpmKeyStoreOptions { ModulePath = "/nonexistent/libtpm2_pkcs11.so", TokenLabel = token.TokenLabel, PinFile = token.PinFile });
        var e = await Assert.ThrowsAsync<TpmUnavailableException>(() => store.OpenAsync(NewLabel(), CancellationToken.None));
        Assert.Contains("/nonexistent/libtpm2_pkcs11.so", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(pin, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Engine_uri_percent_encodes_every_component()
    {
        var uri = TpmEngine.BuildUri("my token", "a;b/c", "p=1%"u8);
        Assert.Equal("pkcs11:token=my%20token;object=a%3Bb%2Fc;type=private;pin-value=p%3D1%25", uri);
    }
}
