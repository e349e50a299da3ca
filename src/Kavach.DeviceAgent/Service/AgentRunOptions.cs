namespace Kavach.DeviceAgent.Service;

/// <summary>How <c>kavach-agent run</c> paces itself.</summary>
public sealed record AgentRunOptions
{
    /// <summary>How often the state directory is scanned for devices that appeared or vanished.</summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Overrides the policy's check-in interval (maintenance, tests, the fleet simulator); null follows the policy.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>The first back-off after a failure; doubled per failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest back-off.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(15);

}
