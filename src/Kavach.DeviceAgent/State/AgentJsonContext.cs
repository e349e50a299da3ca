using System.Text.Json.Serialization;
using Kavach.DeviceAgent.Commands;
using Kavach.DeviceAgent.Identity;
using Kavach.DeviceAgent.Logging;
using Kavach.DeviceAgent.Provisioning;
using Kavach.Devices.Repository.Whitelist;

namespace Kavach.DeviceAgent.State;

/// <summary>The agent's own files (state, server binding, log lines, command output), source-generated.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeviceState))]
[JsonSerializable(typeof(ServerBinding))]
[JsonSerializable(typeof(DeviceIdentity))]
[JsonSerializable(typeof(AgentLogEntry))]
[JsonSerializable(typeof(LogsReport))]
[JsonSerializable(typeof(AgentStatus))]
[JsonSerializable(typeof(WhitelistEntry))]
[JsonSerializable(typeof(DeviceInfoReport))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
