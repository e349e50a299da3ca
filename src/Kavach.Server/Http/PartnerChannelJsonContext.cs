using System.Text.Json.Serialization;
using Kavach.Server.Endpoints.Dtos.Partners;

namespace Kavach.Server.Http;

/// <summary>Source-generated JSON metadata for partner onboarding's wire types.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    MaxDepth = Kavach.Server.Security.Hosting.KavachJsonLimits.MaxDepth)]
[JsonSerializable(typeof(RequestEnvelope<PartnerOnboardRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<PartnerRenewRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<PartnerRevokeRequestDto>))]
[JsonSerializable(typeof(ResponseEnvelope<PartnerOnboardResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<PartnerDto>))]
[JsonSerializable(typeof(ResponseEnvelope<PartnerListResponseDto>))]
internal sealed partial class PartnerChannelJsonContext : JsonSerializerContext;
