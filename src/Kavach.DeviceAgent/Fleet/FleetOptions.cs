using Kavach.DeviceAgent.State;

namespace Kavach.DeviceAgent.Fleet;

/// <summary>What a <see cref="FleetSimulator"/> runs: how many devices, where their state lives, which server, how hard.</summary>
/// <param name="Root">The directory that holds one state directory per device (made if missing).</param>
/// <param name="Server">The server every device is bound to.</param>
/// <param name="FtmCaDirectory">The test FTM CA that certifies the devices' chips (made on first use).</param>
public sealed record FleetOptions(string Root, ServerBinding Server, string FtmCaDirectory)
{
    /// <summary>Number of devices.</summary>
    public int Devices { get; init; } = 1_000;

    /// <summary>Serial numbers are this prefix and a six-digit index.</summary>
    public string SerialPrefix { get; init; } = "SNFLEET";

    /// <summary>Devices provisioned at once: key generation is CPU-bound, so one per core.</summary>
    public int ProvisionParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Devices talking to the server at once (enrolment and check-in). Beyond what the server's cores absorb it only
    /// queues: a challenge answered more than 3 s after it was asked is refused by the device's clock.
    /// </summary>
    public int Concurrency { get; init; } = 2 * Environment.ProcessorCount;

    /// <summary>A time sync before each check-in (it goes through the server's rate-limited open route).</summary>
    public bool SyncTime { get; init; }

    /// <summary>
    /// Simulated FTM chip keys drawn from a pool of this many pre-made keys (0: one new key per chip). Chip key
    /// generation is the device side's cost, not the server's; each chip still has its own certificate.
    /// </summary>
    public int ChipKeyPool { get; init; }

    /// <summary>
    /// Device keys built from pairs of a pool of pre-made primes instead of generated one by one: each device still
    /// has its own RSA-2048 key (its own modulus), at a fraction of the cost. Like <see cref="ChipKeyPool"/> this is the
    /// device side's cost, not the server's; keys sharing a prime are for simulated devices only.
    /// </summary>
    public bool PrimePairDeviceKeys { get; init; }

    /// <summary>How many failures each phase keeps in full.</summary>
    public int KeptErrors { get; init; } = 5;
}
