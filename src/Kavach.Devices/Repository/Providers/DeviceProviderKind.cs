namespace Kavach.Devices.Repository.Providers;

/// <summary>What a provider supplies; it is also the trust-store domain its CA chain goes into (spec §1.7).</summary>
public enum DeviceProviderKind
{
    /// <summary>A device provider (trust domain <c>DEVICE</c>): its CA signs factory whitelist batches.</summary>
    Device,

    /// <summary>An FTM (chip) provider (trust domain <c>FTM</c>): its root issues the chip certificates that sign digital ids.</summary>
    Ftm,
}
