using Kavach.Devices.Updates.Rollouts;
using Kavach.Devices.Updates.Storage;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Tests.Updates;

/// <summary>Stands in for the repository's four-eyes approvals: records each request and hands out an id.</summary>
internal sealed class FakeRolloutApprovalGate : IRolloutApprovalGate
{
    public List<(string RolloutId, string Principal)> Requests { get; } = [];

    public Task<Result<string>> RequestAsync(RolloutRecord rollout, string principal, CancellationToken cancellationToken)
    {
        Requests.Add((rollout.RolloutId, principal));
        return Task.FromResult<Result<string>>("approval-" + rollout.RolloutId);
    }
}
