using System.Text;
using Kavach.Devices.Updates;
using Kavach.Devices.Updates.Storage;
using Kavach.Devices.Updates.Verification;

namespace Kavach.Devices.Tests.Updates.Releases;

/// <summary>Publishing trust documents and releases: the server stores only what the offline keys signed, in order.</summary>
public sealed class UpdateMetadataServiceTests : IAsyncLifetime
{
    private UpdateServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new UpdateServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Published_documents_are_served_byte_for_byte()
    {
        var trust = await _server.PublishTrustAsync();
        var release = await _server.PublishReleaseAsync(5, UpdateDocuments.Artifact());

        Assert.Equal(trust, (await _server.Metadata.GetTrustDocumentAsync(UpdateServer.Ct)).Value);
        Assert.Equal(Encoding.UTF8.GetBytes(release.Document), (await _server.Metadata.GetReleaseDocumentAsync(5, UpdateServer.Ct)).Value);
        Assert.True((await _server.Metadata.GetTimestampDocumentAsync(null, UpdateServer.Ct)).IsSuccess);
        Assert.Single(_server.Audit.Of("device.update.trust.publish"), e => e.Outcome == "OK");
        Assert.Single(_server.Audit.Of("device.update.release.publish"), e => e.Outcome == "OK");
    }

    [Fact]
    public async Task Attack_trust_document_signed_by_a_non_root_key_is_refused_and_not_stored()
    {
        var forged = UpdateDocuments.SignedTrust(UpdateDocuments.Trust(), UpdateTestKeys.OtherRoot);

        var result = await _server.Metadata.PublishTrustAsync(forged, "mallory", UpdateServer.Ct);

        Assert.Equal(UpdateErrors.DocumentRefused, result.Error);
        Assert.Equal(UpdateErrors.NoTrustDocument, (await _server.Metadata.GetTrustDocumentAsync(UpdateServer.Ct)).Error);
        Assert.Contains(_server.Audit.Of("device.update.trust.publish"), e => e.Outcome == UpdateErrors.DocumentRefused.Code && e.Detail == "reason=SignatureNotTrusted");
    }

    [Fact]
    public async Task Trust_documents_are_accepted_only_in_version_order()
    {
        await _server.PublishTrustAsync(1);
        var skip = UpdateDocuments.SignedTrust(UpdateDocuments.Trust(version: 3));

        Assert.Equal(UpdateErrors.DocumentRefused, (await _server.Metadata.PublishTrustAsync(skip, "alice", UpdateServer.Ct)).Error);
        Assert.Equal(1, (await _server.Metadata.GetTrustAsync(UpdateServer.Ct))!.Version);

        var next = UpdateDocuments.SignedTrust(UpdateDocuments.Trust(version: 2));
        Assert.True((await _server.Metadata.PublishTrustAsync(next, "alice", UpdateServer.Ct)).IsSuccess);
        Assert.Equal(next, (await _server.Metadata.GetTrustDocumentAsync(UpdateServer.Ct)).Value);
    }

    [Fact]
    public async Task Attack_release_signed_by_the_timestamp_key_is_refused_and_not_stored()
    {
        await _server.PublishTrustAsync();
        var bytes = UpdateDocuments.Artifact();
        Assert.True((await _server.Artifacts.UploadAsync(new MemoryStream(bytes), "firmware.bin", null, "alice", UpdateServer.Ct)).IsSuccess);
        var forged = UpdateDocuments.SignedRelease(UpdateDocuments.Release(artifact: bytes), UpdateTestKeys.Timestamp);

        var result = await _server.Metadata.PublishReleaseAsync(forged, "mallory", UpdateServer.Ct);

        Assert.Equal(UpdateErrors.DocumentRefused, result.Error);
        Assert.Empty(await _server.Store.ListReleasesAsync(UpdateServer.Ct));
    }

    [Fact]
    public async Task A_release_is_refused_before_a_trust_document_exists_or_when_an_artifact_is_missing()
    {
        var release = UpdateDocuments.SignedRelease();
        Assert.Equal(UpdateErrors.NoTrustDocument, (await _server.Metadata.PublishReleaseAsync(release, "alice", UpdateServer.Ct)).Error);

        await _server.PublishTrustAsync();
        Assert.Equal(UpdateErrors.ArtifactMissing, (await _server.Metadata.PublishReleaseAsync(release, "alice", UpdateServer.Ct)).Error);
        Assert.Empty(await _server.Store.ListReleasesAsync(UpdateServer.Ct));
    }

    [Fact]
    public async Task The_same_release_counter_cannot_be_published_twice()
    {
        await _server.PublishTrustAsync();
        await _server.PublishReleaseAsync(5, UpdateDocuments.Artifact());
        var other = UpdateDocuments.SignedRelease(UpdateDocuments.Release(counter: 5, artifact: UpdateDocuments.Artifact(), expires: UpdateDocuments.Now.AddDays(10)));

        Assert.Equal(UpdateErrors.ReleaseExists, (await _server.Metadata.PublishReleaseAsync(other, "alice", UpdateServer.Ct)).Error);
    }

    [Theory]
    [InlineData("0123456789012345678901234567890123456", "1.0")]
    [InlineData("hash", "")]
    public async Task SBI_records_beyond_MOSIP_limits_are_refused(string binaryHash, string version)
    {
        await _server.PublishTrustAsync();
        await _server.PublishReleaseAsync(5, UpdateDocuments.Artifact(), withSbi: false);

        var result = await _server.Metadata.SetSbiAsync(5, new SbiRecord(binaryHash, version, UpdateDocuments.Now, UpdateDocuments.Now.AddDays(1)), "alice", UpdateServer.Ct);

        Assert.Equal(UpdateErrors.InvalidSbi, result.Error);
        Assert.Null((await _server.Store.GetReleaseAsync(5, UpdateServer.Ct))!.Sbi);
    }

    [Fact]
    public async Task A_device_whose_release_SBI_expired_is_offered_the_newest_valid_release()
    {
        await _server.PublishTrustAsync();
        await _server.PublishReleaseAsync(5, UpdateDocuments.Artifact(100), sbiExpiry: UpdateDocuments.Now.AddDays(10));
        await _server.PublishReleaseAsync(6, UpdateDocuments.Artifact(200));
        await _server.PublishReleaseAsync(7, UpdateDocuments.Artifact(300), withSbi: false);
        await _server.PublishReleaseAsync(8, UpdateDocuments.Artifact(400), hardwareId: "MOSIP/IRIS02");
        var device = _server.Registry.Add("SERIAL00000001", releaseCounter: 5);

        Assert.Null(await _server.Devices.GetPendingUpdateAsync(device, UpdateServer.Ct));

        _server.Time.Advance(TimeSpan.FromDays(11));
        var forced = await _server.Devices.GetPendingUpdateAsync(device, UpdateServer.Ct);

        Assert.Equal(new PendingUpdate(6, true, null), forced);
        var report = await new SimulatedUpdateDevice(_server, device.SerialNo).UpdateAsync(6);
        Assert.Equal(UpdateReportStatus.Installed, report.Status);
        Assert.True((await _server.Devices.RecordReportAsync(_server.Registry[device.SerialNo], report, UpdateServer.Ct)).IsSuccess);
        Assert.Null(await _server.Devices.GetPendingUpdateAsync(_server.Registry[device.SerialNo], UpdateServer.Ct));
    }

    [Fact]
    public async Task A_report_for_an_unknown_release_is_refused_and_audited()
    {
        var device = _server.Registry.Add("SERIAL00000001");

        var result = await _server.Devices.RecordReportAsync(device, new DeviceUpdateReport(99, "9.9", UpdateReportStatus.Installed), UpdateServer.Ct);

        Assert.Equal(UpdateErrors.ReportRefused, result.Error);
        Assert.Contains(_server.Audit.Of("device.update.report"), e => e.Actor == "device:SERIAL00000001" && e.Outcome == UpdateErrors.ReportRefused.Code);
    }

    [Fact]
    public void The_offline_signing_tool_signs_what_the_verifier_accepts_and_refuses_bad_input()
    {
        var rootPem = UpdateTestKeys.Root.ExportPkcs8PrivateKeyPem();
        var unsigned = UpdateDocumentCodec.Write(UpdateDocuments.Trust());

        var signed = Kavach.Devices.Updates.Signing.OfflineReleaseSigning.SignTrust(unsigned, [rootPem], out var error);

        Assert.Null(error);
        Assert.True(UpdateVerifier.VerifyTrust(signed, UpdateTestKeys.RootKeys, 1, null, UpdateDocuments.Now).IsAccepted);
        Assert.Equal(UpdateTestKeys.Text(UpdateTestKeys.Root), Kavach.Devices.Updates.Signing.OfflineReleaseSigning.PublicKeyOf(rootPem));
        Assert.Null(Kavach.Devices.Updates.Signing.OfflineReleaseSigning.SignTrust("{\"version\":1}"u8, [rootPem], out error));
        Assert.NotNull(error);
        Assert.Null(Kavach.Devices.Updates.Signing.OfflineReleaseSigning.SignRelease(UpdateDocumentCodec.Write(UpdateDocuments.Release()), ["not a key"], out error));
        Assert.NotNull(error);
    }
}
