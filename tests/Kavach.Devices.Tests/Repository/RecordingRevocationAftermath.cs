using Kavach.Devices.Deregistration;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Tests.Repository;

/// <summary>
/// Records what is handed to the revocation path; with <see cref="FailNext"/> the next call throws (before or after
/// passing it to <see cref="Inner"/>), as a server dying between a batch's commit and the batch's approval does.
/// </summary>
internal sealed class RecordingRevocationAftermath(IRevocationAftermath? inner = null) : IRevocationAftermath
{
    public IRevocationAftermath? Inner { get; } = inner;

    public List<(string SerialNo, string[] CertSerials, string Reason)> Calls { get; } = [];

    /// <summary>Null: no failure; false: the next call fails before recording; true: after.</summary>
    public bool? FailNext { get; set; }

    public async Task RecordAsync(DeviceRecord device, IReadOnlyList<DeviceCertificateRecord> revoked, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var fail = FailNext;
        FailNext = null;
        if (fail == false)
        {
            throw new InvalidOperationException("The server stopped before the revocation was recorded.");
        }

        Calls.Add((device.SerialNo, revoked.Select(c => c.CertSerial).ToArray(), reason));
        if (Inner is not null)
        {
            await Inner.RecordAsync(device, revoked, reason, at, cancellationToken);
        }

        if (fail == true)
        {
            throw new InvalidOperationException("The server stopped after the revocation was recorded.");
        }
    }

    public Task<bool> HooksQueuedSinceAsync(string serialNo, DateTimeOffset since, CancellationToken cancellationToken) =>
        Inner?.HooksQueuedSinceAsync(serialNo, since, cancellationToken) ?? Task.FromResult(Calls.Any(c => c.SerialNo == serialNo));
}
