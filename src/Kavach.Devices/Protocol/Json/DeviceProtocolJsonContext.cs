using System.Text.Json;
using System.Text.Json.Serialization;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Protocol.DigitalIds;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Protocol.Json;

/// <summary>
/// Source-generated JSON for every protocol type, strict: camelCase names compared case-sensitively, unknown members
/// refused, every non-nullable constructor parameter required, nullable annotations enforced, no numbers in strings,
/// depth ≤ 20. Use it through <see cref="ProtocolJson"/>, which also refuses duplicate keys and bodies over 64 KiB.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    AllowDuplicateProperties = false,
    MaxDepth = ProtocolJson.MaxDepth)]
[JsonSerializable(typeof(UplinkPayload))]
[JsonSerializable(typeof(DownlinkPayload))]
[JsonSerializable(typeof(DownlinkCommand))]
[JsonSerializable(typeof(DevicePolicy))]
[JsonSerializable(typeof(EnrollBody))]
[JsonSerializable(typeof(EnrollConfirmBody))]
[JsonSerializable(typeof(ReenrollBody))]
[JsonSerializable(typeof(CheckinBody))]
[JsonSerializable(typeof(RotateBody))]
[JsonSerializable(typeof(RotateConfirmBody))]
[JsonSerializable(typeof(CommandResultBody))]
[JsonSerializable(typeof(TimeRequestBody))]
[JsonSerializable(typeof(UpdateReportBody))]
[JsonSerializable(typeof(DeregAckBody))]
[JsonSerializable(typeof(ChallengeBody))]
[JsonSerializable(typeof(EnrollmentResultBody))]
[JsonSerializable(typeof(TimeResponseBody))]
[JsonSerializable(typeof(RotationResultBody))]
[JsonSerializable(typeof(EmptyBody))]
[JsonSerializable(typeof(DigitalIdPayload))]
[JsonSerializable(typeof(RotateKeyArguments))]
[JsonSerializable(typeof(DeregisterArguments))]
[JsonSerializable(typeof(UpdateAvailableArguments))]
[JsonSerializable(typeof(GetLogsArguments))]
[JsonSerializable(typeof(SetPolicyArguments))]
[JsonSerializable(typeof(NoArguments))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class DeviceProtocolJsonContext : JsonSerializerContext;
