using System.Security.Claims;
using Kavach.Keys.Access;
using Kavach.Keys.Errors;
using Kavach.Keys.Signatures;
using Kavach.Server.Endpoints.Dtos;
using Kavach.Server.Http;
using Kavach.Server.OpenApi;
using Kavach.Server.Security;

namespace Kavach.Server.Endpoints;

/// <summary>The signature endpoints (spec §3.8): JWT/JWS signing and verification, raw and legacy signatures.</summary>
public static class SignatureEndpoints
{
    /// <summary>Maps the endpoints onto <paramref name="group"/>.</summary>
    public static void MapSignatureEndpoints(this RouteGroupBuilder group)
    {
        foreach (var (path, jws, v2, operationId) in new[] { ("/jwtSign", false, false, "jwtSign"), ("/jwtSign/v2", false, true, "jwtSignV2"), ("/jwsSign", true, false, "jwsSign"), ("/jwsSign/v2", true, true, "jwsSignV2") })
        {
            group.MapPost(path, async Task<Outcome<JwtSignatureResponseDto>> (EnvelopeRequest<SignatureRequestDto> envelope, JwtSignatureService signatures, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
            {
                var validator = new RequestValidator().NotBlank(envelope.Request.DataToSign, "dataToSign");
                if (validator.Failed)
                {
                    return validator.Errors;
                }

                var request = ToSignRequest(envelope.Request, v2);
                var result = jws
                    ? await signatures.JwsSignAsync(request, v2, Callers.Of(user), ct)
                    : await signatures.JwtSignAsync(request, v2, Callers.Of(user), ct);
                return result.IsSuccess ? new JwtSignatureResponseDto(result.Value, MosipTime.Now(time)) : result.Error;
            })
            .Describe(
                operationId,
                ApiTags.Signature,
                jws ? "Signs data as a JWS (detached unless includePayload) with an application's signing key" : "Signs JSON as a JWT with an application's signing key",
                [ErrorCodes.SignInputInvalid, ErrorCodes.SignInputNotJson, ErrorCodes.SignNotAllowed, ErrorCodes.NotValidSignatureKey, ErrorCodes.KeyGenerationNotDone, ErrorCodes.NoUniqueAlias, ErrorCodes.CertificateProcessing, ErrorCodes.SignError],
                jws
                    ? """{"dataToSign":"eyJuYW1lIjoiSm9obiBEb2UifQ","applicationId":"ID_REPO","referenceId":"","includePayload":false,"includeCertificate":true,"includeCertHash":true,"certificateUrl":null,"validateJson":true,"b64JWSHeaderParam":false,"signAlgorithm":"PS256"}"""
                    : """{"dataToSign":"eyJuYW1lIjoiSm9obiBEb2UifQ","applicationId":"ID_REPO","referenceId":"","includePayload":true,"includeCertificate":true,"includeCertHash":true,"certificateUrl":null}""",
                v2 ? "Version 2: `includeCertificateChain` puts the whole chain in `x5c`, and `additionalHeaders` are added to the protected header." : null);
        }

        foreach (var (path, v2, operationId) in new[] { ("/jwtVerify", false, "jwtVerify"), ("/jwtVerify/v2", true, "jwtVerifyV2") })
        {
            group.MapPost(path, async Task<Outcome<JwtVerifyResponseDto>> (EnvelopeRequest<JwtVerifyRequestDto> envelope, JwtVerificationService verifications, CancellationToken ct) =>
            {
                var request = envelope.Request;
                var validator = new RequestValidator().NotBlank(request.JwtSignatureData, "jwtSignatureData");
                if (validator.Failed)
                {
                    return validator.Errors;
                }

                var result = await verifications.VerifyAsync(
                    new VerifyRequest(request.JwtSignatureData!, request.ActualData, request.ApplicationId, request.ReferenceId, request.CertificateData, request.ValidateTrust ?? false, request.Domain),
                    v2,
                    ct);
                return result.IsSuccess ? new JwtVerifyResponseDto(result.Value.SignatureValid, result.Value.Message, result.Value.TrustValid) : result.Error;
            })
            .Describe(
                operationId,
                ApiTags.Signature,
                "Verifies a JWT or JWS signature, optionally its certificate's trust",
                [ErrorCodes.VerifyInputInvalid, ErrorCodes.VerifyCertificateNotValid, ErrorCodes.CertificateParsing, ErrorCodes.KeyGenerationNotDone, ErrorCodes.VerifyError],
                """{"jwtSignatureData":"eyJ4NWMiOlsiTUlJRGtq...In1dLCJhbGciOiJQUzI1NiJ9..Vk8lQ2...","actualData":"eyJuYW1lIjoiSm9obiBEb2UifQ","applicationId":"ID_REPO","referenceId":"","certificateData":null,"validateTrust":true,"domain":"DEVICE"}""",
                "The certificate comes from `certificateData`, else from the header's `x5c` (read as MOSIP reads it), else from the application's key.");
        }

        group.MapPost("/signV2", async Task<Outcome<SignatureResponseDto>> (EnvelopeRequest<RawSignRequestDto> envelope, RawSignatureService signatures, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            var result = await RawSignAsync(envelope.Request, signatures, Callers.Of(user), ct);
            return result.IsSuccess ? new SignatureResponseDto(result.Value.Signature, MosipTime.Now(time)) : result.Error!;
        })
        .Describe(
            "signV2",
            ApiTags.Signature,
            "Signs raw data with an application's signing key; returns the signature",
            [
                ErrorCodes.InvalidFormat, ErrorCodes.SignInputInvalid, ErrorCodes.SignNotAllowed, ErrorCodes.NotValidSignatureKey,
                ErrorCodes.KeyGenerationNotDone, ErrorCodes.NoUniqueAlias, ErrorCodes.SignError
            ],
            """{"dataToSign":"eyJuYW1lIjoiSm9obiBEb2UifQ","applicationId":"ID_REPO","referenceId":"ED25519_SIGN","responseEncodingFormat":"base58btc"}""");

        group.MapPost("/signRawData", async Task<Outcome<RawSignResponseDto>> (EnvelopeRequest<RawSignRequestDto> envelope, RawSignatureService signatures, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            var result = await RawSignAsync(envelope.Request, signatures, Callers.Of(user), ct);
            return result.IsSuccess
                ? new RawSignResponseDto(result.Value.Signature, result.Value.KeyId, result.Value.CertificatePem, result.Value.Algorithm, MosipTime.Now(time))
                : result.Error!;
        })
        .Describe(
            "signRawData",
            ApiTags.Signature,
            "Signs raw data with an application's signing key; returns the signature with the key id and certificate",
            [
                ErrorCodes.InvalidFormat, ErrorCodes.SignInputInvalid, ErrorCodes.SignNotAllowed, ErrorCodes.NotValidSignatureKey,
                ErrorCodes.KeyGenerationNotDone, ErrorCodes.NoUniqueAlias, ErrorCodes.SignError
            ],
            """{"dataToSign":"eyJuYW1lIjoiSm9obiBEb2UifQ","applicationId":"ID_REPO","referenceId":"EC_SECP256R1_SIGN","responseEncodingFormat":"base64url"}""");

        group.MapPost("/sign", async Task<Outcome<SignatureResponseDto>> (EnvelopeRequest<LegacySignRequestDto> envelope, RawSignatureService signatures, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            var validator = new RequestValidator().NotBlank(envelope.Request.Data, "data");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await signatures.LegacySignAsync(envelope.Request.Data!, Callers.Of(user), ct);
            return result.IsSuccess ? new SignatureResponseDto(result.Value, MosipTime.Now(time)) : result.Error;
        })
        .Describe(
            "sign",
            ApiTags.Signature,
            "Signs a response with the KERNEL SIGN key (MOSIP's older signature)",
            [ErrorCodes.SignNotAllowed, ErrorCodes.KeyGenerationNotDone, ErrorCodes.NoUniqueAlias, ErrorCodes.SignError],
            """{"data":"eyJzdGF0dXMiOiJhY3RpdmF0ZWQifQ"}""");

        group.MapPost("/validate", async Task<Outcome<ValidatorResponseDto>> (EnvelopeRequest<LegacyValidateRequestDto> envelope, RawSignatureService signatures, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.Signature, "signature").NotBlank(request.Data, "data").NotBlank(request.Timestamp, "timestamp");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            return await signatures.LegacyValidateAsync(request.Signature!, request.Data!, ct)
                ? new ValidatorResponseDto("success", "Validation Successful")
                : Keys.Errors.ErrorCodes.ValidationUnsuccessful;
        })
        .Describe(
            "validate",
            ApiTags.Signature,
            "Checks a signature made by sign",
            [ErrorCodes.ValidationUnsuccessful],
            """{"signature":"jIn3Kt0m8Q...Yw","data":"eyJzdGF0dXMiOiJhY3RpdmF0ZWQifQ","timestamp":"2026-01-15T10:30:00.000Z"}""");
    }

    private static async Task<Keys.Errors.Result<RawSignature>> RawSignAsync(RawSignRequestDto request, RawSignatureService signatures, Caller caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.DataToSign))
        {
            return Keys.Errors.ErrorCodes.InvalidRequest with { Message = $"request.dataToSign {RequestValidator.NotBlankMessage}" };
        }

        return await signatures.SignAsync(request.DataToSign, request.ApplicationId, request.ReferenceId, request.ResponseEncodingFormat, request.SignAlgorithm, caller, cancellationToken);
    }

    private static SignRequest ToSignRequest(SignatureRequestDto dto, bool v2) => new()
    {
        DataToSign = dto.DataToSign!,
        ApplicationId = dto.ApplicationId,
        ReferenceId = dto.ReferenceId,
        IncludePayload = dto.IncludePayload ?? false,
        IncludeCertificate = (v2 ? dto.IncludeCertificateChain : dto.IncludeCertificate) ?? false,
        IncludeCertHash = dto.IncludeCertHash ?? false,
        CertificateUrl = dto.CertificateUrl,
        ValidateJson = dto.ValidateJson ?? false,
        B64JwsHeaderParam = dto.B64JwsHeaderParam ?? false,
        SignAlgorithm = dto.SignAlgorithm,
        AdditionalHeaders = v2 ? dto.AdditionalHeaders : null,
    };
}
