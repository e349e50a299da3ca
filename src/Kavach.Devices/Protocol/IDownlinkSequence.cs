namespace Kavach.Devices.Protocol;

/// <summary>The server's per-device response sequence (spec §3: the device refuses a response whose <c>seq</c> is not above the last).</summary>
public interface IDownlinkSequence
{
    /// <summary>The next sequence number for responses to <paramref name="serialNo"/>; strictly above every earlier one.</summary>
    ValueTask<long> NextAsync(string serialNo, CancellationToken cancellationToken);
}
