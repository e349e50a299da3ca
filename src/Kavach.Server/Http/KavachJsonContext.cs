using System.Text.Json.Serialization;
using Kavach.Hosting.Web.Health;
using Kavach.Server.Endpoints.Dtos;

namespace Kavach.Server.Http;

/// <summary>Source-generated JSON metadata for every wire type (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    MaxDepth = Kavach.Server.Security.Hosting.KavachJsonLimits.MaxDepth)]
[JsonSerializable(typeof(Kavach.Server.Console.ConsoleConfigResponse))]
[JsonSerializable(typeof(RequestEnvelope<KeyPairGenerateRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<CsrGenerateRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<UploadCertificateRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<SymmetricKeyGenerateRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<RevokeKeyRequestDto>))]
[JsonSerializable(typeof(ResponseEnvelope<KeyPairGenerateResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<StatusResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<AllCertificatesDataResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<CertificateChainResponseDto>))]
[JsonSerializable(typeof(RequestEnvelope<CryptomanagerRequestDto>))]
[JsonSerializable(typeof(ResponseEnvelope<DataResponseDto>))]
[JsonSerializable(typeof(RequestEnvelope<JwtEncryptRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<JwtDecryptRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<CryptoWithPinRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<Argon2GenerateHashRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<SignatureRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<JwtVerifyRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<RawSignRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<LegacySignRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<LegacyValidateRequestDto>))]
[JsonSerializable(typeof(ResponseEnvelope<DataTimestampResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<Argon2GenerateHashResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<JwtSignatureResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<JwtVerifyResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<SignatureResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<RawSignResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<ValidatorResponseDto>))]
[JsonSerializable(typeof(RequestEnvelope<ZkCryptoRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<ClientCryptoRequestDto>))]
[JsonSerializable(typeof(ResponseEnvelope<ZkCryptoResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<ReEncryptRandomKeyResponseDto>))]
[JsonSerializable(typeof(RequestEnvelope<KeyMigrateBaseKeyRequestDto>))]
[JsonSerializable(typeof(RequestEnvelope<ZkKeyMigrateRequestDto>))]
[JsonSerializable(typeof(ResponseEnvelope<ZkKeyMigrateResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<ZkKeyMigrateCertficateResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<TokenIdResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<VerifiedResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<ValueResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<PublicKeyResponseDto>))]
[JsonSerializable(typeof(ResponseEnvelope<object>))]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class KavachJsonContext : JsonSerializerContext;
