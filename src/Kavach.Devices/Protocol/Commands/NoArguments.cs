namespace Kavach.Devices.Protocol.Commands;

/// <summary>The arguments of <c>getDeviceInfo</c> and <c>syncTime</c>: none (<c>{}</c> or absent).</summary>
public sealed record NoArguments : IDeviceCommandArguments
{
    /// <summary>The one instance.</summary>
    public static NoArguments Instance { get; } = new();
}
