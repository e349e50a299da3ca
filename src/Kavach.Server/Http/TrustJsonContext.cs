using System.Text.Json.Serialization;
using Kavach.Server.Endpoints.Dtos;
using Kavach.Server.Endpoints.Dtos.Trust;

namespace Kavach.Server.Http;

/// <summary>Source-generated JSON metadata for the partner trust store's wire types.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    MaxDepth = Kavach.Server.Security.Hosting.KavachJsonLimits.MaxDepth)]
[JsonSerializable(typeof(RequestEnvelope<CaCertificateRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<PartnerCertificateRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<CertificateTrustRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<CaCertTypeListRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<CrlUploadRequestDto>))]
[JsonSerializable(typeof(ResponseEnvelope<StatusResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<PartnerCertificateResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<PartnerCertDownloadResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<PartnerSignedCertDownloadResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<CertificateTrustResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<CaCertificateChainResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<CaCertificateTrustPathResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<CrlUploadResponseDto>))]
internal sealed partial class TrustJsonContext : JsonSerializerContext;
