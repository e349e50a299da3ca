using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Management;
using Kavach.Server.Composition;
using Kavach.Server.Endpoints.Dtos;
using Kavach.Server.Http;
using Kavach.Server.Security;

namespace Kavach.Server.Endpoints;

/// <summary>MOSIP's key-management endpoints under <c>/v1/keymanager</c> (spec §2.0 rows 1–10). Handlers stay thin: validate, call one service, map.</summary>
public static class KeyManagerEndpoints
{
    private static readonly KavachJsonContext Json = KavachJsonContext.Default;

    /// <summary>Maps the endpoints onto <paramref name="group"/>.</summary>
    public static void MapKeyManagerEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/generateMasterKey/{objectType}", (HttpContext context, string objectType, RuntimeHolder runtime) =>
            Envelope.HandleAsync(context, Json.RequestEnvelopeKeyPairGenerateRequestDto, Json.ResponseEnvelopeKeyPairGenerateResponseDto, async (request, ct) =>
            {
                var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId");
                if (validator.Failed)
                {
                    return validator.Errors;
                }

                var result = await runtime.Current.MasterKeys.GenerateMasterKeyAsync(objectType, request.ApplicationId!, request.ReferenceId, request.Force ?? false, SubjectOf(request), ct);
                return Map(context, result);
            }))
            .Accepts<RequestEnvelope<KeyPairGenerateRequestDto>>("application/json").Produces<ResponseEnvelope<KeyPairGenerateResponseDto>>();

        group.MapPost("/generateECSignKey/{objectType}", (HttpContext context, string objectType, RuntimeHolder runtime) =>
            Envelope.HandleAsync(context, Json.RequestEnvelopeKeyPairGenerateRequestDto, Json.ResponseEnvelopeKeyPairGenerateResponseDto, async (request, ct) =>
            {
                var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId");
                if (validator.Failed)
                {
                    return validator.Errors;
                }

                var result = await runtime.Current.MasterKeys.GenerateEcSignKeyAsync(objectType, request.ApplicationId!, request.ReferenceId, request.Force ?? false, SubjectOf(request), ct);
                return Map(context, result);
            }))
            .Accepts<RequestEnvelope<KeyPairGenerateRequestDto>>("application/json").Produces<ResponseEnvelope<KeyPairGenerateResponseDto>>();

        group.MapGet("/getCertificate", (HttpContext context, string? applicationId, string? referenceId, RuntimeHolder runtime) =>
            Envelope.HandleQueryAsync(context, Json.ResponseEnvelopeKeyPairGenerateResponseDto, async ct =>
            {
                if (MissingApplicationId(applicationId) is { } missing)
                {
                    return missing;
                }

                return Map(context, await runtime.Current.Certificates.GetCertificateAsync(applicationId!, referenceId, Callers.Of(context.User), ct));
            }))
            .Produces<ResponseEnvelope<KeyPairGenerateResponseDto>>();

        group.MapPost("/generateCSR", (HttpContext context, RuntimeHolder runtime) =>
            Envelope.HandleAsync(context, Json.RequestEnvelopeCsrGenerateRequestDto, Json.ResponseEnvelopeKeyPairGenerateResponseDto, async (request, ct) =>
            {
                var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId");
                if (validator.Failed)
                {
                    return validator.Errors;
                }

                var subject = new SubjectRequest(request.CommonName, request.OrganizationUnit, request.Organization, request.Location, request.State, request.Country);
                return Map(context, await runtime.Current.Certificates.GenerateCsrAsync(request.ApplicationId!, request.ReferenceId, subject, Callers.Of(context.User), ct));
            }))
            .Accepts<RequestEnvelope<CsrGenerateRequestDto>>("application/json").Produces<ResponseEnvelope<KeyPairGenerateResponseDto>>();

        group.MapPost("/uploadCertificate", (HttpContext context, RuntimeHolder runtime) =>
            Envelope.HandleAsync(context, Json.RequestEnvelopeUploadCertificateRequestDto, Json.ResponseEnvelopeStatusResponseDto, async (request, ct) =>
            {
                var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId").NotBlank(request.CertificateData, "certificateData");
                if (validator.Failed)
                {
                    return validator.Errors;
                }

                return MapStatus(context, await runtime.Current.Uploads.UploadCertificateAsync(request.ApplicationId!, request.ReferenceId, request.CertificateData!, ct));
            }))
            .Accepts<RequestEnvelope<UploadCertificateRequestDto>>("application/json").Produces<ResponseEnvelope<StatusResponseDto>>();

        group.MapPost("/uploadOtherDomainCertificate", (HttpContext context, RuntimeHolder runtime) =>
            Envelope.HandleAsync(context, Json.RequestEnvelopeUploadCertificateRequestDto, Json.ResponseEnvelopeStatusResponseDto, async (request, ct) =>
            {
                var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId").NotBlank(request.ReferenceId, "referenceId").NotBlank(request.CertificateData, "certificateData");
                if (validator.Failed)
                {
                    return validator.Errors;
                }

                return MapStatus(context, await runtime.Current.Uploads.UploadOtherDomainCertificateAsync(request.ApplicationId!, request.ReferenceId!, request.CertificateData!, ct));
            }))
            .Accepts<RequestEnvelope<UploadCertificateRequestDto>>("application/json").Produces<ResponseEnvelope<StatusResponseDto>>();

        group.MapPost("/generateSymmetricKey", (HttpContext context, RuntimeHolder runtime) =>
            Envelope.HandleAsync(context, Json.RequestEnvelopeSymmetricKeyGenerateRequestDto, Json.ResponseEnvelopeStatusResponseDto, async (request, ct) =>
            {
                var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId").NotBlank(request.ReferenceId, "referenceId");
                if (validator.Failed)
                {
                    return validator.Errors;
                }

                return MapStatus(context, await runtime.Current.Lifecycle.GenerateSymmetricKeyAsync(request.ApplicationId!, request.ReferenceId!, request.Force ?? false, ct));
            }))
            .Accepts<RequestEnvelope<SymmetricKeyGenerateRequestDto>>("application/json").Produces<ResponseEnvelope<StatusResponseDto>>();

        group.MapPut("/revokeKey", (HttpContext context, RuntimeHolder runtime) =>
            Envelope.HandleAsync(context, Json.RequestEnvelopeRevokeKeyRequestDto, Json.ResponseEnvelopeStatusResponseDto, async (request, ct) =>
            {
                var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId").NotBlank(request.ReferenceId, "referenceId");
                if (validator.Failed)
                {
                    return validator.Errors;
                }

                return MapStatus(context, await runtime.Current.Lifecycle.RevokeKeyAsync(request.ApplicationId!, request.ReferenceId!, ct));
            }))
            .Accepts<RequestEnvelope<RevokeKeyRequestDto>>("application/json").Produces<ResponseEnvelope<StatusResponseDto>>();

        group.MapGet("/getAllCertificates", (HttpContext context, string? applicationId, string? referenceId, RuntimeHolder runtime) =>
            Envelope.HandleQueryAsync(context, Json.ResponseEnvelopeAllCertificatesDataResponseDto, async ct =>
            {
                if (MissingApplicationId(applicationId) is { } missing)
                {
                    return missing;
                }

                var result = await runtime.Current.Certificates.GetAllCertificatesAsync(applicationId!, referenceId, ct);
                if (!result.IsSuccess)
                {
                    return result.Error;
                }

                return new AllCertificatesDataResponseDto(result.Value
                    .Select(c => new CertificateDataResponseDto(c.CertificatePem, MosipTime.Format(c.IssuedAt), MosipTime.Format(c.ExpiryAt), c.KeyId))
                    .ToList());
            }))
            .Produces<ResponseEnvelope<AllCertificatesDataResponseDto>>();

        group.MapGet("/getCertificateChain", (HttpContext context, string? applicationId, string? referenceId, RuntimeHolder runtime) =>
            Envelope.HandleQueryAsync(context, Json.ResponseEnvelopeCertificateChainResponseDto, async ct =>
            {
                if (MissingApplicationId(applicationId) is { } missing)
                {
                    return missing;
                }

                var result = await runtime.Current.Certificates.GetCertificateChainAsync(applicationId!, referenceId, Callers.Of(context.User), ct);
                return result.IsSuccess ? new CertificateChainResponseDto(result.Value, Envelope.Now(context)) : result.Error;
            }))
            .Produces<ResponseEnvelope<CertificateChainResponseDto>>();
    }

    private static KavachError? MissingApplicationId(string? applicationId) =>
        string.IsNullOrWhiteSpace(applicationId)
            ? ErrorCodes.InvalidRequest with { Message = $"applicationId {RequestValidator.NotBlankMessage}" }
            : null;

    private static SubjectRequest SubjectOf(KeyPairGenerateRequestDto request) =>
        new(request.CommonName, request.OrganizationUnit, request.Organization, request.Location, request.State, request.Country);

    private static Outcome<KeyPairGenerateResponseDto> Map(HttpContext context, Result<KeyPairResponse> result) =>
        result.IsSuccess
            ? new KeyPairGenerateResponseDto(result.Value.Certificate, result.Value.CertSignRequest, MosipTime.Format(result.Value.IssuedAt), MosipTime.Format(result.Value.ExpiryAt), Envelope.Now(context))
            : result.Error;

    private static Outcome<StatusResponseDto> MapStatus(HttpContext context, Result<string> result) =>
        result.IsSuccess ? new StatusResponseDto(result.Value, Envelope.Now(context)) : result.Error;
}
