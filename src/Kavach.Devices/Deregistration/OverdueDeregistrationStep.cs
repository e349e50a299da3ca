using Kavach.Devices.Policy;

namespace Kavach.Devices.Deregistration;

/// <summary>The daily policy run's step that ends de-registrations left unacknowledged past their deadline (spec §4.10).</summary>
internal sealed class OverdueDeregistrationStep(DeregistrationService deregistrations) : IDailyPolicyStep
{
    /// <inheritdoc />
    public string Name => "deregistrationsOverdue";

    /// <inheritdoc />
    public Task<int> RunAsync(CancellationToken cancellationToken) => deregistrations.RevokeOverdueAsync(cancellationToken);
}
