using Kavach.Devices.Repository.Approvals;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Tests.Repository.Approvals;

/// <summary>A handler that counts its calls and answers what the test sets.</summary>
internal sealed class CountingApprovalHandler(ApprovalKind kind) : IApprovalHandler
{
    private int _approved;
    private int _rejected;

    public ApprovalKind Kind => kind;

    public int Approved => Volatile.Read(ref _approved);

    public int Rejected => Volatile.Read(ref _rejected);

    public Func<ApprovalRequest, Task<Result<string?>>> OnApproved { get; set; } = _ => Task.FromResult<Result<string?>>("applied");

    public async Task<Result<string?>> OnApprovedAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _approved);
        return await OnApproved(request);
    }

    public Task OnRejectedAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _rejected);
        return Task.CompletedTask;
    }
}
