using System.Security.Cryptography;
using Kavach.Devices.Tests.Enrolment.Support;
using Kavach.Devices.Tests.Support;
using Kavach.Devices.Transparency;
using Kavach.Devices.Updates;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Tests.Updates;

/// <summary>Spec §4.13.6 for releases: a release is in the transparency log before any device can be offered it.</summary>
public sealed class ReleaseTransparencyTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_release_is_logged_by_counter_and_manifest_hash_before_it_is_stored_or_not_published_at_all(bool logDown)
    {
        await using var logs = await DeviceStoreHarness.SqliteAsync();
        var key = logs.SigningKey(TransparencyLog.SigningKeyApplicationId, "Kavach Device Transparency Log");
        var log = new TransparencyLog(logDown ? new UnwritableTransparencyStore(logs.Store) : logs.Store, key, logs.Time, NullLogger<TransparencyLog>.Instance);
        await using var server = new UpdateServer(transparency: new TransparencyRecorder(log, logs.Time));
        await server.PublishTrustAsync();
        var artifact = RandomNumberGenerator.GetBytes(4096);
        Assert.True((await server.Artifacts.UploadAsync(new MemoryStream(artifact), "firmware.bin", null, "alice", Ct)).IsSuccess);
        var signed = UpdateDocuments.SignedRelease(UpdateDocuments.Release(1, artifact: artifact, expires: server.Time.GetUtcNow().AddDays(90)));

        var published = await server.Metadata.PublishReleaseAsync(signed, "alice", Ct);

        var leaves = await logs.Store.ReadLeavesAsync(0, 10, Ct);
        if (logDown)
        {
            Assert.Equal(UpdateErrors.TransparencyLogUnavailable.Code, published.Error?.Code);
            Assert.Null(await server.Store.GetReleaseAsync(1, Ct));
            Assert.Empty(leaves);
            return;
        }

        Assert.True(published.IsSuccess, published.Error?.Code);
        Assert.True(TransparencyEntryCodec.TryDecode(Assert.Single(leaves).Leaf, out var entry));
        Assert.Equal(TransparencyEventKind.ReleasePublished, entry.Kind);
        Assert.Equal(1, entry.ReleaseCounter);
        Assert.Equal(published.Value.DocumentSha256, entry.ReleaseSha256);
    }
}
