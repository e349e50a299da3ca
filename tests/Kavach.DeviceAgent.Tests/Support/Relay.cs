namespace Kavach.DeviceAgent.Tests.Support;

/// <summary>What the man in the middle of <see cref="RelayHandler"/> does, shared by every connection of one device.</summary>
internal sealed class Relay
{
    /// <summary>Given the path and the real answer's body, returns the body the device gets.</summary>
    public Func<string, string, string>? Answer { get; set; }

    /// <summary>Runs after the real server answered and before the device reads the answer.</summary>
    public Action? BeforeDelivery { get; set; }

    /// <summary>Every request body the device sent (what a wire tap records), in order.</summary>
    public List<string> Sent { get; } = [];
}
