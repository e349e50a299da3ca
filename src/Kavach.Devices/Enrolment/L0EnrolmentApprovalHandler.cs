using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Enrolment;

/// <summary>
/// The four-eyes step of the L0 exception (§4.5): one administrator opens an <see cref="ApprovalKind.L0Enrolment"/>
/// request for the serial of a device waiting in PendingApproval, a second approves it, and this handler certifies the
/// recorded CSR (<see cref="EnrolmentService.ApproveL0Async"/>); a rejection drops the request and returns the device to
/// Whitelisted.
/// </summary>
internal sealed class L0EnrolmentApprovalHandler : IApprovalHandler
{
    private readonly EnrolmentService _enrolment;
    private readonly IEnrolmentStore _store;
    private readonly IDeviceRegistryStore _registry;
    private readonly TimeProvider _time;

    public L0EnrolmentApprovalHandler(EnrolmentService enrolment, IEnrolmentStore store, IDeviceRegistryStore registry, TimeProvider time)
    {
        _enrolment = enrolment;
        _store = store;
        _registry = registry;
        _time = time;
    }

    /// <inheritdoc />
    public ApprovalKind Kind => ApprovalKind.L0Enrolment;

    /// <inheritdoc />
    public async Task<Result<string?>> OnApprovedAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var issued = await _enrolment.ApproveL0Async(request.Subject, request.DecidedBy ?? request.RequestedBy, cancellationToken);
        return issued.IsSuccess ? "cert=" + issued.Value : issued.Error;
    }

    /// <inheritdoc />
    public async Task OnRejectedAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var device = await _registry.GetDeviceAsync(request.Subject, cancellationToken);
        if (device is { State: DeviceState.PendingApproval }
            && await _registry.TryUpdateDeviceAsync(device with { State = DeviceState.Whitelisted, UpdatedAt = _time.GetUtcNow() }, device.Version, cancellationToken))
        {
            await _store.DeleteL0RequestAsync(request.Subject, cancellationToken);
        }
    }
}
