using System.Net;
using System.Text;
using Kavach.DeviceAgent.Commands;
using Kavach.DeviceAgent.Session;
using Kavach.DeviceAgent.State;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Updates.Verification;

namespace Kavach.DeviceAgent.Updates;

/// <summary>
/// <c>updateAvailable</c> (spec §4.9), in the order of <c>docs/devices/updates.md</c>: <c>trust.json</c> checked against
/// the factory's Release Root keys (and the version held), the timestamp and manifest checked together at the trusted
/// time fixed when the update starts, each artifact downloaded within its stated length and hash-checked, the files
/// written to the inactive slot, a trial start, then commit or roll back, and a signed <c>update-report</c>. Nothing
/// unverified is ever installed; every refusal is alerted in the local log and reported.
/// </summary>
public sealed class UpdateInstaller : IUpdateInstaller
{
    private const int MaxDocumentBytes = 64 * 1024;
    private readonly Func<DeviceDirectory, IFirmwareSlots> _slots;

    /// <summary>An installer writing through <paramref name="slots"/> (default: <see cref="SimulatedFirmwareSlots"/>).</summary>
    public UpdateInstaller(Func<DeviceDirectory, IFirmwareSlots>? slots = null) =>
        _slots = slots ?? (directory => new SimulatedFirmwareSlots(directory));

    /// <inheritdoc />
    public async Task<bool> InstallAsync(DeviceSession session, long releaseCounter, string cmdId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var state = session.State;
        if (state.UpdateRootKeys.Count == 0)
        {
            session.Log.Warn("update-refused", $"release {releaseCounter}: no Release Root provisioned");
            return await ReportAsync(session, releaseCounter, "FAILED", cancellationToken);
        }

        if (releaseCounter <= state.InstalledReleaseCounter)
        {
            // Offered again because the first report was lost: the installed release is the answer.
            await ReportAsync(session, state.InstalledReleaseCounter, "INSTALLED", cancellationToken);
            return true;
        }

        var now = session.Clock.GetUtcNow();
        var trustBytes = await FetchAsync(session, "/v1/updates/trust.json", cancellationToken);
        TrustDocument? held = state.UpdateTrust is { } stored && StoredDocuments.TryReadTrust(stored, out var known) ? known : null;
        var trust = UpdateVerifier.VerifyTrust(trustBytes, state.UpdateRootKeys, state.UpdateRootThreshold, held, now);
        if (!trust.IsAccepted)
        {
            return await RefuseAsync(session, releaseCounter, "trust.json", trust.Refusal, cancellationToken);
        }

        state.UpdateTrust = Encoding.UTF8.GetString(trustBytes);
        session.Save();
        var timestamp = await FetchAsync(session, "/v1/updates/timestamp.json", cancellationToken);
        var manifest = await FetchAsync(session, $"/v1/updates/releases/{releaseCounter}.json", cancellationToken);
        var release = UpdateVerifier.VerifyRelease(timestamp, manifest, trust.Value!, new DeviceUpdateContext(state.InstalledReleaseCounter, state.Identity.HardwareId, state.Identity.Certification, now));
        if (!release.IsAccepted)
        {
            return await RefuseAsync(session, releaseCounter, "release", release.Refusal, cancellationToken);
        }

        var verified = release.Value!.Manifest;
        var staging = Path.Combine(session.Directory.Path, "staging");
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        SecureFiles.EnsurePrivateDirectory(staging);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var artifact in verified.Artifacts)
        {
            var destination = Path.Combine(staging, artifact.Name);
            var refusal = await DownloadAsync(session, artifact, destination, cancellationToken);
            if (refusal != UpdateRefusal.None)
            {
                Directory.Delete(staging, recursive: true);
                return await RefuseAsync(session, releaseCounter, artifact.Name, refusal, cancellationToken);
            }

            files[artifact.Name] = destination;
        }

        var slot = state.ActiveSlot == "a" ? "b" : "a";
        var slots = _slots(session.Directory);
        await slots.InstallAsync(slot, files, cancellationToken);
        Directory.Delete(staging, recursive: true);
        state.PendingInstall = new PendingInstall(verified.ReleaseCounter, verified.FirmwareVersion, slot, cmdId);
        session.Save();
        session.Log.Info("update-installed", $"release {verified.ReleaseCounter} in slot {slot}, trial start");
        return await FinishAsync(session, cancellationToken);
    }

    /// <inheritdoc />
    public Task ResumeAsync(DeviceSession session, CancellationToken cancellationToken) => FinishAsync(session, cancellationToken);

    /// <summary>
    /// The trial start of an installed update (also after a reboot that interrupted it): commit and report
    /// <c>INSTALLED</c>, or roll back to the running slot and report <c>REVERTED</c>. False when there was none or it rolled back.
    /// </summary>
    public async Task<bool> FinishAsync(DeviceSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var state = session.State;
        if (state.PendingInstall is not { } pending)
        {
            return false;
        }

        var slots = _slots(session.Directory);
        if (await slots.TryStartAsync(pending.Slot, cancellationToken))
        {
            state.ActiveSlot = pending.Slot;
            state.InstalledReleaseCounter = pending.ReleaseCounter;
            state.RunningFirmware = pending.FirmwareVersion;
            state.PendingInstall = null;
            session.Save();
            session.Log.Info("update-committed", $"release {pending.ReleaseCounter} running from slot {pending.Slot}");
            return await ReportAsync(session, pending.ReleaseCounter, "INSTALLED", cancellationToken);
        }

        await slots.DiscardAsync(pending.Slot, cancellationToken);
        state.PendingInstall = null;
        session.Save();
        session.Log.Alert("update-reverted", $"release {pending.ReleaseCounter} did not start; still running slot {state.ActiveSlot}");
        await ReportAsync(session, pending.ReleaseCounter, "REVERTED", cancellationToken);
        return false;
    }

    private static async Task<bool> RefuseAsync(DeviceSession session, long releaseCounter, string what, UpdateRefusal refusal, CancellationToken cancellationToken)
    {
        session.Log.Alert("update-refused", $"release {releaseCounter}: {what} {refusal}");

        // Expired metadata is reported STALE: not counted against the rollout, so whoever withholds fresh metadata
        // cannot abort it.
        await ReportAsync(session, releaseCounter, refusal == UpdateRefusal.Expired ? "STALE" : "FAILED", cancellationToken);
        return false;
    }

    private static async Task<bool> ReportAsync(DeviceSession session, long releaseCounter, string status, CancellationToken cancellationToken)
    {
        var signer = await session.DeviceSignerAsync(cancellationToken);
        var digitalId = await session.DigitalIdAsync(null, cancellationToken);
        var running = session.State.RunningFirmware ?? session.State.Identity.FirmwareVersion;
        await session.ExchangeAsync("/v1/updates/report", new UpdateReportBody(releaseCounter, running, status, ProtocolValues.NewNonce()), signer, session.Link.Mutual(signer.Certificate), MessageKinds.UpdateReport, digitalId, cancellationToken);
        return status == "INSTALLED";
    }

    private static async Task<byte[]> FetchAsync(DeviceSession session, string path, CancellationToken cancellationToken)
    {
        using var response = await session.GetAsync(path, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            session.Log.Warn("update-fetch-failed", $"{path} answered {(int)response.StatusCode}");
            throw new AgentException(AgentErrors.Update, $"{path} answered {(int)response.StatusCode}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxDocumentBytes + 1];
        var total = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return total > MaxDocumentBytes
            ? throw new AgentException(AgentErrors.Update, $"{path} is larger than any update document")
            : buffer[..total];
    }

    private static async Task<UpdateRefusal> DownloadAsync(DeviceSession session, ReleaseArtifact artifact, string destination, CancellationToken cancellationToken)
    {
        using var response = await session.GetAsync($"/v1/updates/artifacts/{artifact.Sha256}", cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            session.Log.Warn("update-fetch-failed", $"artifact {artifact.Name} answered {(int)response.StatusCode}");
            return UpdateRefusal.ArtifactTruncated;
        }

        await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var target = new FileStream(destination, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
        return await ArtifactDownload.CopyVerifiedAsync(source, artifact, target, cancellationToken);
    }
}
