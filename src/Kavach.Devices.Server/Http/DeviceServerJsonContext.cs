using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kavach.Devices.Server.Http;

/// <summary>Source-generated JSON for the device server's own bodies (camelCase, as the rest of Kavach).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(Admin.DeviceView))]
[JsonSerializable(typeof(Admin.DevicePage))]
[JsonSerializable(typeof(Admin.DeviceSummaryView))]
[JsonSerializable(typeof(Admin.DeviceCommandsView))]
[JsonSerializable(typeof(Admin.SessionView))]
[JsonSerializable(typeof(Admin.ReasonBody))]
[JsonSerializable(typeof(Admin.CommandRequest))]
[JsonSerializable(typeof(Admin.CommandView))]
[JsonSerializable(typeof(Admin.CaUploadBody))]
[JsonSerializable(typeof(Admin.WhitelistBatchView))]
[JsonSerializable(typeof(IReadOnlyList<Admin.WhitelistBatchView>))]
[JsonSerializable(typeof(Kavach.Devices.Repository.Providers.AddProviderRequest))]
[JsonSerializable(typeof(Kavach.Devices.Repository.Providers.DeviceProviderRecord))]
[JsonSerializable(typeof(IReadOnlyList<Kavach.Devices.Repository.Providers.DeviceProviderRecord>))]
[JsonSerializable(typeof(Kavach.Devices.Repository.Models.DeviceModelDetail))]
[JsonSerializable(typeof(Kavach.Devices.Repository.Models.DeviceModelRecord))]
[JsonSerializable(typeof(IReadOnlyList<Kavach.Devices.Repository.Models.DeviceModelRecord>))]
[JsonSerializable(typeof(Admin.ReleaseView))]
[JsonSerializable(typeof(IReadOnlyList<Admin.ReleaseView>))]
[JsonSerializable(typeof(Kavach.Devices.Updates.Storage.ArtifactRecord))]
[JsonSerializable(typeof(Kavach.Devices.Updates.Storage.RolloutRecord))]
[JsonSerializable(typeof(IReadOnlyList<Kavach.Devices.Updates.Storage.RolloutRecord>))]
[JsonSerializable(typeof(Kavach.Devices.Updates.Rollouts.RolloutProgress))]
[JsonSerializable(typeof(Kavach.Devices.Updates.Rollouts.RolloutRequest))]
[JsonSerializable(typeof(Kavach.Devices.Updates.Storage.SbiRecord))]
[JsonSerializable(typeof(Admin.TimestampKeyView))]
[JsonSerializable(typeof(Kavach.Devices.Deregistration.DeregistrationRecord))]
[JsonSerializable(typeof(Kavach.Devices.Repository.Approvals.ApprovalRequest))]
[JsonSerializable(typeof(IReadOnlyList<Kavach.Devices.Repository.Approvals.ApprovalRequest>))]
internal sealed partial class DeviceServerJsonContext : JsonSerializerContext;
