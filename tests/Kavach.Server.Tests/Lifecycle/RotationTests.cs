using System.Security.Cryptography.X509Certificates;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Lifecycle;

/// <summary>
/// Pre-expiry rotation without a scheduler (spec §4.3), driven by the server's fake clock: REGISTRATION keys live
/// 1095 days; base keys rotate 30 days (BASE policy) and masters 60 days (app policy) before expiry.
/// </summary>
public sealed class RotationTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Base_key_is_current_before_the_window_and_rotates_inside_it()
    {
        var first = await CertificateAsync("REGISTRATION", "rotating");
        var expiry = first.NotAfter.ToUniversalTime();

        _server.Time.SetUtcNow(new DateTimeOffset(expiry.AddDays(-31), TimeSpan.Zero));
        var beforeWindow = await CertificateAsync("REGISTRATION", "rotating");
        Assert.Equal(first.Thumbprint, beforeWindow.Thumbprint);

        _server.Time.SetUtcNow(new DateTimeOffset(expiry.AddDays(-29), TimeSpan.Zero));
        var insideWindow = await CertificateAsync("REGISTRATION", "rotating");
        Assert.NotEqual(first.Thumbprint, insideWindow.Thumbprint);

        var again = await CertificateAsync("REGISTRATION", "rotating");
        Assert.Equal(insideWindow.Thumbprint, again.Thumbprint);

        var all = (await _server.GetAsync("/v1/keymanager/getAllCertificates?applicationId=REGISTRATION&referenceId=rotating")).Body.Response()["allCertificates"]!.AsArray();
        Assert.Equal(2, all.Count);
    }

    [Fact]
    public async Task Master_key_rotates_in_its_window_and_new_base_keys_use_the_new_master()
    {
        var master = await CertificateAsync("PRE_REGISTRATION", string.Empty);
        _server.Time.SetUtcNow(new DateTimeOffset(master.NotAfter.ToUniversalTime().AddDays(-59), TimeSpan.Zero));

        var baseKey = await CertificateAsync("PRE_REGISTRATION", "after-rotation");
        var newMaster = await CertificateAsync("PRE_REGISTRATION", string.Empty);
        Assert.NotEqual(master.Thumbprint, newMaster.Thumbprint);
        Assert.Equal(newMaster.SubjectName.Name, baseKey.IssuerName.Name);
        var root = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=ROOT")).Body.Field("certificate");
        var (ok, output) = await Pems.VerifyAtAsync(_server.Time.GetUtcNow(), root, baseKey.ExportCertificatePem(), newMaster.ExportCertificatePem());
        Assert.True(ok, output);
    }

    [Fact]
    public async Task A_child_never_outlives_its_issuer()
    {
        // Late in the master's life (but before its window) a new base key is clipped to the master's expiry.
        var master = await CertificateAsync("ID_REPO", string.Empty);
        _server.Time.SetUtcNow(new DateTimeOffset(master.NotAfter.ToUniversalTime().AddDays(-100), TimeSpan.Zero));
        var baseKey = await CertificateAsync("ID_REPO", "late");
        Assert.Equal(master.NotAfter, baseKey.NotAfter);
    }

    private async Task<X509Certificate2> CertificateAsync(string applicationId, string referenceId) =>
        (await _server.GetAsync($"/v1/keymanager/getCertificate?applicationId={applicationId}&referenceId={referenceId}")).Body.Certificate();
}
