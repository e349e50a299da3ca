using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Updates.Storage;
using Kavach.Devices.Updates.Verification;
using Kavach.Keys.Vault;

namespace Kavach.Devices.Tests.Updates.Timestamps;

/// <summary>The online timestamp role: a vault key that cannot issue, re-signing hourly on the injected clock so devices never see a stale timestamp.</summary>
public sealed class TimestampServiceTests : IAsyncLifetime
{
    private UpdateServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = new UpdateServer();
        await _server.PublishTrustAsync();
        await _server.PublishReleaseAsync(5, UpdateDocuments.Artifact());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_timestamp_key_is_an_RSA_3072_vault_key_that_cannot_issue()
    {
        using var certificate = await _server.Vault.GetCertificateAsync(_server.Options.TimestampKeyAlias, UpdateServer.Ct);

        Assert.NotNull(certificate);
        Assert.False(KeyUsageRules.CanIssue(certificate));
        using var publicKey = certificate.GetRSAPublicKey();
        Assert.Equal(3072, publicKey!.KeySize);
        Assert.Equal(UpdateKeys.Encode(certificate.PublicKey.ExportSubjectPublicKeyInfo()), await _server.Timestamps.GetPublicKeyAsync(UpdateServer.Ct));
    }

    [Fact]
    public async Task Freeze_is_prevented_by_hourly_refresh_on_the_injected_clock()
    {
        var first = (await _server.Store.GetTimestampAsync(5, UpdateServer.Ct))!;
        Assert.Equal(UpdateDocuments.Now.AddHours(24), first.Expires);

        using var cancellation = new CancellationTokenSource();
        using var refreshed = new SemaphoreSlim(0);
        _server.Timestamps.Refreshed += _ => refreshed.Release();
        var loop = Task.Run(() => _server.Timestamps.RunAsync(cancellation.Token));

        // The loop refreshes at once (its timer exists by then), then at each hourly tick of the fake clock.
        Assert.True(await refreshed.WaitAsync(TimeSpan.FromSeconds(30)));
        for (var hour = 1; hour <= 25; hour++)
        {
            _server.Time.Advance(TimeSpan.FromHours(1));
            Assert.True(await refreshed.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        await cancellation.CancelAsync();
        await loop;

        var now = _server.Time.GetUtcNow();
        var current = (await _server.Store.GetTimestampAsync(5, UpdateServer.Ct))!;
        Assert.Equal(now, current.SignedAt);
        Assert.Equal(now.AddHours(24), current.Expires);

        // A device holding only the first timestamp refuses it now (freeze); the refreshed one passes.
        var release = (await _server.Metadata.GetReleaseDocumentAsync(5, UpdateServer.Ct)).Value;
        var trust = (await _server.Metadata.GetTrustAsync(UpdateServer.Ct))!;
        var device = UpdateDocuments.Device(now: now);
        Assert.Equal(UpdateRefusal.Expired, UpdateVerifier.VerifyRelease(System.Text.Encoding.UTF8.GetBytes(first.Document), release, trust, device).Refusal);
        Assert.Equal(UpdateRefusal.None, UpdateVerifier.VerifyRelease(System.Text.Encoding.UTF8.GetBytes(current.Document), release, trust, device).Refusal);
    }

    [Fact]
    public async Task A_missing_or_expired_timestamp_is_signed_when_asked_for()
    {
        _server.Time.Advance(TimeSpan.FromHours(30));

        var served = await _server.Metadata.GetTimestampDocumentAsync(5, UpdateServer.Ct);

        Assert.True(served.IsSuccess);
        Assert.Equal(_server.Time.GetUtcNow().AddHours(24), (await _server.Store.GetTimestampAsync(5, UpdateServer.Ct))!.Expires);
    }
}
