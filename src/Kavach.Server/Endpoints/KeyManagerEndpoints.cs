using System.Security.Claims;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Management;
using Kavach.Server.Endpoints.Dtos;
using Kavach.Server.Http;
using Kavach.Server.Security;

namespace Kavach.Server.Endpoints;

/// <summary>MOSIP's key-management endpoints under <c>/v1/keymanager</c> (spec §2.0 rows 1–10). Handlers stay thin: validate, call one service, map.</summary>
public static class KeyManagerEndpoints
{
    /// <summary>Maps the endpoints onto <paramref name="group"/>.</summary>
    public static void MapKeyManagerEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/generateMasterKey/{objectType}", async Task<Outcome<KeyPairGenerateResponseDto>> (string objectType, EnvelopeRequest<KeyPairGenerateRequestDto> envelope, MasterKeyService masterKeys, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            return Map(time, await masterKeys.GenerateMasterKeyAsync(objectType, request.ApplicationId!, request.ReferenceId, request.Force ?? false, SubjectOf(request), ct));
        });

        group.MapPost("/generateECSignKey/{objectType}", async Task<Outcome<KeyPairGenerateResponseDto>> (string objectType, EnvelopeRequest<KeyPairGenerateRequestDto> envelope, MasterKeyService masterKeys, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            return Map(time, await masterKeys.GenerateEcSignKeyAsync(objectType, request.ApplicationId!, request.ReferenceId, request.Force ?? false, SubjectOf(request), ct));
        });

        group.MapGet("/getCertificate", async Task<Outcome<KeyPairGenerateResponseDto>> (string? applicationId, string? referenceId, CertificateService certificates, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            if (MissingApplicationId(applicationId) is { } missing)
            {
                return missing;
            }

            return Map(time, await certificates.GetCertificateAsync(applicationId!, referenceId, Callers.Of(user), ct));
        });

        group.MapPost("/generateCSR", async Task<Outcome<KeyPairGenerateResponseDto>> (EnvelopeRequest<CsrGenerateRequestDto> envelope, CertificateService certificates, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var subject = new SubjectRequest(request.CommonName, request.OrganizationUnit, request.Organization, request.Location, request.State, request.Country);
            return Map(time, await certificates.GenerateCsrAsync(request.ApplicationId!, request.ReferenceId, subject, Callers.Of(user), ct));
        });

        group.MapPost("/uploadCertificate", async Task<Outcome<StatusResponseDto>> (EnvelopeRequest<UploadCertificateRequestDto> envelope, CertificateUploadService uploads, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId").NotBlank(request.CertificateData, "certificateData");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            return MapStatus(time, await uploads.UploadCertificateAsync(request.ApplicationId!, request.ReferenceId, request.CertificateData!, ct));
        });

        group.MapPost("/uploadOtherDomainCertificate", async Task<Outcome<StatusResponseDto>> (EnvelopeRequest<UploadCertificateRequestDto> envelope, CertificateUploadService uploads, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId").NotBlank(request.ReferenceId, "referenceId").NotBlank(request.CertificateData, "certificateData");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            return MapStatus(time, await uploads.UploadOtherDomainCertificateAsync(request.ApplicationId!, request.ReferenceId!, request.CertificateData!, ct));
        });

        group.MapPost("/generateSymmetricKey", async Task<Outcome<StatusResponseDto>> (EnvelopeRequest<SymmetricKeyGenerateRequestDto> envelope, KeyLifecycleService lifecycle, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId").NotBlank(request.ReferenceId, "referenceId");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            return MapStatus(time, await lifecycle.GenerateSymmetricKeyAsync(request.ApplicationId!, request.ReferenceId!, request.Force ?? false, ct));
        });

        group.MapPut("/revokeKey", async Task<Outcome<StatusResponseDto>> (EnvelopeRequest<RevokeKeyRequestDto> envelope, KeyLifecycleService lifecycle, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId").NotBlank(request.ReferenceId, "referenceId");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            return MapStatus(time, await lifecycle.RevokeKeyAsync(request.ApplicationId!, request.ReferenceId!, ct));
        });

        group.MapGet("/getAllCertificates", async Task<Outcome<AllCertificatesDataResponseDto>> (string? applicationId, string? referenceId, CertificateService certificates, CancellationToken ct) =>
        {
            if (MissingApplicationId(applicationId) is { } missing)
            {
                return missing;
            }

            var result = await certificates.GetAllCertificatesAsync(applicationId!, referenceId, ct);
            if (!result.IsSuccess)
            {
                return result.Error;
            }

            return new AllCertificatesDataResponseDto(result.Value
                .Select(c => new CertificateDataResponseDto(c.CertificatePem, MosipTime.Format(c.IssuedAt), MosipTime.Format(c.ExpiryAt), c.KeyId))
                .ToList());
        });

        group.MapGet("/getCertificateChain", async Task<Outcome<CertificateChainResponseDto>> (string? applicationId, string? referenceId, CertificateService certificates, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            if (MissingApplicationId(applicationId) is { } missing)
            {
                return missing;
            }

            var result = await certificates.GetCertificateChainAsync(applicationId!, referenceId, Callers.Of(user), ct);
            return result.IsSuccess ? new CertificateChainResponseDto(result.Value, MosipTime.Now(time)) : result.Error;
        });
    }

    private static KavachError? MissingApplicationId(string? applicationId) =>
        string.IsNullOrWhiteSpace(applicationId)
            ? ErrorCodes.InvalidRequest with { Message = $"applicationId {RequestValidator.NotBlankMessage}" }
            : null;

    private static SubjectRequest SubjectOf(KeyPairGenerateRequestDto request) =>
        new(request.CommonName, request.OrganizationUnit, request.Organization, request.Location, request.State, request.Country);

    private static Outcome<KeyPairGenerateResponseDto> Map(TimeProvider time, Result<KeyPairResponse> result) =>
        result.IsSuccess
            ? new KeyPairGenerateResponseDto(result.Value.Certificate, result.Value.CertSignRequest, MosipTime.Format(result.Value.IssuedAt), MosipTime.Format(result.Value.ExpiryAt), MosipTime.Now(time))
            : result.Error;

    private static Outcome<StatusResponseDto> MapStatus(TimeProvider time, Result<string> result) =>
        result.IsSuccess ? new StatusResponseDto(result.Value, MosipTime.Now(time)) : result.Error;
}
