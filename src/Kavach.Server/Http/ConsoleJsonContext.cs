using System.Text.Json.Serialization;
using Kavach.Server.Endpoints.Dtos.Console;

namespace Kavach.Server.Http;

/// <summary>Source-generated JSON metadata for the operator console's read API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    MaxDepth = Kavach.Server.Security.Hosting.KavachJsonLimits.MaxDepth)]
[JsonSerializable(typeof(ResponseEnvelope<SessionResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<KeyGroupsResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<KeyListResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<KeyUsageResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<AccessResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<AuditRecordsResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<AuditVerifyResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<TrustCertificatesResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<TrustCrlsResponseDto>))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext;
