using System.Text.Json;

namespace Kavach.DeviceAgent.State;

/// <summary>Reads and writes a device's <c>device.json</c> and <c>server.json</c> (atomic, 0600).</summary>
internal static class DeviceStateFile
{
    public static DeviceState Load(DeviceDirectory directory)
    {
        if (!directory.HasDevice)
        {
            throw new AgentException(AgentErrors.NoDevice, $"no device in {directory.Path}: make one with `kavach-agent sim-device` or provision device.json");
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(directory.StateFile), AgentJsonContext.Default.DeviceState)
                ?? throw new AgentException(AgentErrors.StateUnreadable, "device.json is empty");
        }
        catch (JsonException)
        {
            throw new AgentException(AgentErrors.StateUnreadable, $"device.json in {directory.Path} is not a device state");
        }
    }

    public static void Save(DeviceDirectory directory, DeviceState state) =>
        SecureFiles.WriteAtomically(directory.StateFile, JsonSerializer.SerializeToUtf8Bytes(state, AgentJsonContext.Default.DeviceState));

    public static ServerBinding? LoadServer(DeviceDirectory directory)
    {
        if (!File.Exists(directory.ServerFile))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(directory.ServerFile), AgentJsonContext.Default.ServerBinding);
        }
        catch (JsonException)
        {
            throw new AgentException(AgentErrors.StateUnreadable, $"server.json in {directory.Path} is not a server binding");
        }
    }

    public static void SaveServer(DeviceDirectory directory, ServerBinding binding) =>
        SecureFiles.WriteAtomically(directory.ServerFile, JsonSerializer.SerializeToUtf8Bytes(binding, AgentJsonContext.Default.ServerBinding));
}
