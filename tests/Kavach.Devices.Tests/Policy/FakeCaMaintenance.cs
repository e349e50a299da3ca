using Kavach.Devices.Policy;

namespace Kavach.Devices.Tests.Policy;

/// <summary>Counts the CA calls of the daily job; can be told to fail CRL publication.</summary>
internal sealed class FakeCaMaintenance : IDeviceCaMaintenance
{
    private int _crls;
    private int _revokeCalls;

    public bool FailCrl { get; set; }

    public int CrlsPublished => _crls;

    public int RevokeCalls => _revokeCalls;

    public DateTimeOffset? LastNow { get; private set; }

    public Task<long> PublishCrlAsync(CancellationToken cancellationToken)
    {
        if (FailCrl)
        {
            throw new InvalidOperationException("The HSM is unreachable.");
        }

        return Task.FromResult((long)Interlocked.Increment(ref _crls));
    }

    public Task<int> RevokeUnconfirmedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _revokeCalls);
        LastNow = now;
        return Task.FromResult(0);
    }
}
