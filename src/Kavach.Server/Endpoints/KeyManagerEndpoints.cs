using System.Security.Claims;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Management;
using Kavach.Server.Endpoints.Dtos;
using Kavach.Server.Http;
using Kavach.Server.OpenApi;
using Kavach.Server.Security;

namespace Kavach.Server.Endpoints;

/// <summary>MOSIP's key-management endpoints under <c>/v1/keymanager</c> (spec §2.0 rows 1–10). Handlers stay thin: validate, call one service, map.</summary>
public static class KeyManagerEndpoints
{
    /// <summary>Maps the endpoints onto <paramref name="group"/>.</summary>
    public static void MapKeyManagerEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/generateMasterKey/{objectType}", async Task<Outcome<KeyPairGenerateResponseDto>> ([ApiValues("CERTIFICATE", "CSR")] string objectType, EnvelopeRequest<KeyPairGenerateRequestDto> envelope, MasterKeyService masterKeys, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            return Map(time, await masterKeys.GenerateMasterKeyAsync(objectType, request.ApplicationId!, request.ReferenceId, request.Force ?? false, SubjectOf(request), ct));
        })
        .Describe(
            "generateMasterKey",
            ApiTags.KeyManager,
            "Generates a master (module) key, or the ROOT key, for an application id",
            [
                ErrorCodes.ApplicationIdNotValid, ErrorCodes.ReferenceIdNotSupported, ErrorCodes.InvalidResponseType, ErrorCodes.RootKeyNotFound,
                ErrorCodes.GenerationNotAllowed, ErrorCodes.KeyCreationNotAllowed, ErrorCodes.KeyCreationRateExceeded,
                ErrorCodes.KeyCreationTotalExceeded, ErrorCodes.KeystoreProcessing
            ],
            """{"applicationId":"REGISTRATION","referenceId":"","force":false,"commonName":"www.mosip.io","organizationUnit":"MOSIP-TECH-CENTER","organization":"IITB","location":"BANGALORE","state":"KA","country":"IN"}""",
            "`objectType` chooses the answer: the key's certificate (`CERTIFICATE`) or a CSR for it (`CSR`). With `force` an existing valid key is replaced.");

        group.MapPost("/generateECSignKey/{objectType}", async Task<Outcome<KeyPairGenerateResponseDto>> ([ApiValues("CERTIFICATE", "CSR")] string objectType, EnvelopeRequest<KeyPairGenerateRequestDto> envelope, MasterKeyService masterKeys, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            return Map(time, await masterKeys.GenerateEcSignKeyAsync(objectType, request.ApplicationId!, request.ReferenceId, request.Force ?? false, SubjectOf(request), ct));
        })
        .Describe(
            "generateECSignKey",
            ApiTags.KeyManager,
            "Generates an EC or Ed25519 signing key for an application id",
            [
                ErrorCodes.ApplicationIdNotValid, ErrorCodes.EcSignReferenceIdNotSupported, ErrorCodes.InvalidResponseType,
                ErrorCodes.UnsupportedCurve, ErrorCodes.GenerationNotAllowed, ErrorCodes.KeyCreationNotAllowed, ErrorCodes.KeyCreationRateExceeded,
                ErrorCodes.KeyCreationTotalExceeded, ErrorCodes.KeystoreProcessing
            ],
            """{"applicationId":"ID_REPO","referenceId":"EC_SECP256R1_SIGN","force":false,"commonName":"www.mosip.io","organizationUnit":"MOSIP-TECH-CENTER","organization":"IITB","location":"BANGALORE","state":"KA","country":"IN"}""",
            "`referenceId` names the curve: `EC_SECP256K1_SIGN`, `EC_SECP256R1_SIGN` or `ED25519_SIGN`.");

        group.MapGet("/getCertificate", async Task<Outcome<KeyPairGenerateResponseDto>> (string? applicationId, string? referenceId, CertificateService certificates, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            if (MissingApplicationId(applicationId) is { } missing)
            {
                return missing;
            }

            return Map(time, await certificates.GetCertificateAsync(applicationId!, referenceId, Callers.Of(user), ct));
        })
        .Describe(
            "getCertificate",
            ApiTags.KeyManager,
            "Returns the certificate of the current key of an application id and reference id",
            [
                ErrorCodes.ApplicationIdNotValid, ErrorCodes.ReferenceIdNotSupported, ErrorCodes.KeyGenerationNotDone, ErrorCodes.NoUniqueAlias,
                ErrorCodes.CertificateProcessing, ErrorCodes.KeyCreationNotAllowed
            ],
            description: "A missing base key is generated on first use, as MOSIP does.");

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
        })
        .Describe(
            "generateCSR",
            ApiTags.KeyManager,
            "Generates a CSR for the current key of an application id and reference id",
            [
                ErrorCodes.ApplicationIdNotValid, ErrorCodes.CsrGenerationNotAllowed, ErrorCodes.KeyGenerationNotDone, ErrorCodes.NoUniqueAlias,
                ErrorCodes.CertificateProcessing
            ],
            """{"applicationId":"REGISTRATION","referenceId":"","commonName":"www.mosip.io","organizationUnit":"MOSIP-TECH-CENTER","organization":"IITB","location":"BANGALORE","state":"KA","country":"IN"}""");

        group.MapPost("/uploadCertificate", async Task<Outcome<StatusResponseDto>> (EnvelopeRequest<UploadCertificateRequestDto> envelope, CertificateUploadService uploads, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId").NotBlank(request.CertificateData, "certificateData");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            return MapStatus(time, await uploads.UploadCertificateAsync(request.ApplicationId!, request.ReferenceId, request.CertificateData!, ct));
        })
        .Describe(
            "uploadCertificate",
            ApiTags.KeyManager,
            "Replaces a key's certificate with one signed by another CA",
            [
                ErrorCodes.ApplicationIdNotValid, ErrorCodes.CertificateParsing, ErrorCodes.KeyNotMatching, ErrorCodes.NoUniqueAlias,
                ErrorCodes.EcSignReferenceIdNotSupported, ErrorCodes.SignAppIdReferenceIdNotAllowed, ErrorCodes.UploadNotAllowed
            ],
            """{"applicationId":"KERNEL","referenceId":"SIGN","certificateData":"-----BEGIN CERTIFICATE-----\nMIIDkzCCAnugAwIBAgIIU2p0cY1YbDkwDQYJKoZIhvcNAQELBQAwbjELMAkGA1UE\n...\n-----END CERTIFICATE-----"}""");

        group.MapPost("/uploadOtherDomainCertificate", async Task<Outcome<StatusResponseDto>> (EnvelopeRequest<UploadCertificateRequestDto> envelope, CertificateUploadService uploads, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId").NotBlank(request.ReferenceId, "referenceId").NotBlank(request.CertificateData, "certificateData");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            return MapStatus(time, await uploads.UploadOtherDomainCertificateAsync(request.ApplicationId!, request.ReferenceId!, request.CertificateData!, ct));
        })
        .Describe(
            "uploadOtherDomainCertificate",
            ApiTags.KeyManager,
            "Stores the certificate of another domain's key (no private key here) for encryption to it",
            [
                ErrorCodes.ApplicationIdNotValid, ErrorCodes.CertificateParsing, ErrorCodes.ValidKeyAlreadyExists,
                ErrorCodes.OtherDomainValidKeyNotExist, ErrorCodes.PrivateKeyFound, ErrorCodes.CertificateAlreadyExists, ErrorCodes.UploadNotAllowed
            ],
            """{"applicationId":"IDA","referenceId":"PARTNER_DOMAIN","certificateData":"-----BEGIN CERTIFICATE-----\nMIIDkzCCAnugAwIBAgIIU2p0cY1YbDkwDQYJKoZIhvcNAQELBQAwbjELMAkGA1UE\n...\n-----END CERTIFICATE-----"}""");

        group.MapPost("/generateSymmetricKey", async Task<Outcome<StatusResponseDto>> (EnvelopeRequest<SymmetricKeyGenerateRequestDto> envelope, KeyLifecycleService lifecycle, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId").NotBlank(request.ReferenceId, "referenceId");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            return MapStatus(time, await lifecycle.GenerateSymmetricKeyAsync(request.ApplicationId!, request.ReferenceId!, request.Force ?? false, ct));
        })
        .Describe(
            "generateSymmetricKey",
            ApiTags.KeyManager,
            "Generates an AES key for an application id and reference id",
            [ErrorCodes.ApplicationIdNotValid, ErrorCodes.GenerationNotAllowed, ErrorCodes.NoUniqueAlias, ErrorCodes.KeystoreProcessing],
            """{"applicationId":"REGISTRATION","referenceId":"10001_10002","force":false}""");

        group.MapPut("/revokeKey", async Task<Outcome<StatusResponseDto>> (EnvelopeRequest<RevokeKeyRequestDto> envelope, KeyLifecycleService lifecycle, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId").NotBlank(request.ReferenceId, "referenceId");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            return MapStatus(time, await lifecycle.RevokeKeyAsync(request.ApplicationId!, request.ReferenceId!, ct));
        })
        .Describe(
            "revokeKey",
            ApiTags.KeyManager,
            "Revokes the base key of an application id and reference id",
            [ErrorCodes.RevokeNotAllowed, ErrorCodes.NoUniqueAlias, ErrorCodes.ApplicationIdNotValid],
            """{"applicationId":"REGISTRATION","referenceId":"10001_10002","disableAutoGen":false}""",
            "A revoked key no longer encrypts or signs; with `disableAutoGen` no new key is generated in its place on next use.");

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
        })
        .Describe(
            "getAllCertificates",
            ApiTags.KeyManager,
            "Returns every certificate (current and past keys) of an application id and reference id",
            [ErrorCodes.ApplicationIdNotValid, ErrorCodes.KeyGenerationNotDone, ErrorCodes.CertificateProcessing]);

        group.MapGet("/getCertificateChain", async Task<Outcome<CertificateChainResponseDto>> (string? applicationId, string? referenceId, CertificateService certificates, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            if (MissingApplicationId(applicationId) is { } missing)
            {
                return missing;
            }

            var result = await certificates.GetCertificateChainAsync(applicationId!, referenceId, Callers.Of(user), ct);
            return result.IsSuccess ? new CertificateChainResponseDto(result.Value, MosipTime.Now(time)) : result.Error;
        })
        .Describe(
            "getCertificateChain",
            ApiTags.KeyManager,
            "Returns the certificate chain (key, master key, ROOT) of an application id and reference id",
            [ErrorCodes.ApplicationIdNotValid, ErrorCodes.KeyGenerationNotDone, ErrorCodes.NoUniqueAlias, ErrorCodes.CertificateProcessing]);
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
