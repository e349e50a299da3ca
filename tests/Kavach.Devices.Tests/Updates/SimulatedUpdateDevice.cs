using Kavach.Devices.Updates;
using Kavach.Devices.Updates.Verification;

namespace Kavach.Devices.Tests.Updates;

/// <summary>
/// The update half of a device, as the agent will run it: fetch the three documents and the artifacts from the
/// server's services, verify them with the shared verifier against the root key it ships, "install", report.
/// </summary>
internal sealed class SimulatedUpdateDevice(UpdateServer server, string serialNo)
{
    public TrustDocument? Trust { get; private set; }

    public UpdateRefusal LastRefusal { get; private set; }

    public async Task<DeviceUpdateReport> UpdateAsync(long releaseCounter, bool failInstall = false)
    {
        var device = server.Registry[serialNo];
        var now = server.Time.GetUtcNow();
        var refusal = await VerifyAndDownloadAsync(releaseCounter, device.ReleaseCounter, now);
        LastRefusal = refusal;
        if (refusal != UpdateRefusal.None || failInstall)
        {
            // Expired metadata is reported as STALE (not counted), every other refusal as FAILED.
            var status = refusal == UpdateRefusal.Expired ? UpdateReportStatus.Stale : UpdateReportStatus.Failed;
            return new DeviceUpdateReport(releaseCounter, device.FirmwareVersion ?? string.Empty, status);
        }

        server.Registry.SetReleaseCounter(serialNo, releaseCounter);
        return new DeviceUpdateReport(releaseCounter, "2.0." + releaseCounter, UpdateReportStatus.Installed);
    }

    private async Task<UpdateRefusal> VerifyAndDownloadAsync(long releaseCounter, long installed, DateTimeOffset now)
    {
        var trust = UpdateVerifier.VerifyTrust((await server.Metadata.GetTrustDocumentAsync(UpdateServer.Ct)).Value, UpdateTestKeys.RootKeys, 1, Trust, now);
        if (!trust.IsAccepted)
        {
            return trust.Refusal;
        }

        Trust = trust.Value;
        var timestamp = (await server.Metadata.GetTimestampDocumentAsync(releaseCounter, UpdateServer.Ct)).Value;
        var release = (await server.Metadata.GetReleaseDocumentAsync(releaseCounter, UpdateServer.Ct)).Value;
        var check = UpdateVerifier.VerifyRelease(timestamp, release, Trust!, new DeviceUpdateContext(installed, UpdateDocuments.HardwareId, "L1", now));
        if (!check.IsAccepted)
        {
            return check.Refusal;
        }

        foreach (var artifact in check.Value!.Manifest.Artifacts)
        {
            var opened = await server.Artifacts.OpenAsync(artifact.Sha256, UpdateServer.Ct);
            Assert.True(opened.IsSuccess);
            await using var content = opened.Value.Content;
            using var local = new MemoryStream();
            var download = await ArtifactDownload.CopyVerifiedAsync(content, artifact, local, UpdateServer.Ct);
            if (download != UpdateRefusal.None)
            {
                return download;
            }
        }

        return UpdateRefusal.None;
    }
}
