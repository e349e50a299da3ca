using Kavach.Keys.Signatures;
using Kavach.Server.Endpoints.Dtos;
using Kavach.Server.Http;

namespace Kavach.Server.Endpoints;

/// <summary>The signature endpoints (spec §3.8): JWT/JWS signing and verification, raw and legacy signatures.</summary>
public static class SignatureEndpoints
{
    private static readonly KavachJsonContext Json = KavachJsonContext.Default;

    /// <summary>Maps the endpoints onto <paramref name="group"/>.</summary>
    public static void MapSignatureEndpoints(this RouteGroupBuilder group)
    {
        foreach (var (path, jws, v2) in new[] { ("/jwtSign", false, false), ("/jwtSign/v2", false, true), ("/jwsSign", true, false), ("/jwsSign/v2", true, true) })
        {
            group.MapEnvelope(path, Json.RequestEnvelopeSignatureRequestDto, Json.ResponseEnvelopeJwtSignatureResponseDto, async call =>
            {
                var validator = new RequestValidator().NotBlank(call.Request.DataToSign, "dataToSign");
                if (validator.Failed)
                {
                    return validator.Errors;
                }

                var request = ToSignRequest(call.Request, v2);
                var service = call.Runtime.JwtSignatures;
                var result = jws
                    ? await service.JwsSignAsync(request, v2, call.Caller, call.CancellationToken)
                    : await service.JwtSignAsync(request, v2, call.Caller, call.CancellationToken);
                return result.IsSuccess ? new JwtSignatureResponseDto(result.Value, call.Now) : result.Error;
            });
        }

        foreach (var (path, v2) in new[] { ("/jwtVerify", false), ("/jwtVerify/v2", true) })
        {
            group.MapEnvelope(path, Json.RequestEnvelopeJwtVerifyRequestDto, Json.ResponseEnvelopeJwtVerifyResponseDto, async call =>
            {
                var request = call.Request;
                var validator = new RequestValidator().NotBlank(request.JwtSignatureData, "jwtSignatureData");
                if (validator.Failed)
                {
                    return validator.Errors;
                }

                var result = await call.Runtime.JwtVerifications.VerifyAsync(
                    new VerifyRequest(request.JwtSignatureData!, request.ActualData, request.ApplicationId, request.ReferenceId, request.CertificateData, request.ValidateTrust ?? false, request.Domain),
                    v2,
                    call.CancellationToken);
                return result.IsSuccess ? new JwtVerifyResponseDto(result.Value.SignatureValid, result.Value.Message, result.Value.TrustValid) : result.Error;
            });
        }

        group.MapEnvelope("/signV2", Json.RequestEnvelopeRawSignRequestDto, Json.ResponseEnvelopeSignatureResponseDto, async call =>
        {
            var result = await RawSignAsync(call);
            return result.IsSuccess ? new SignatureResponseDto(result.Value.Signature, call.Now) : result.Error!;
        });

        group.MapEnvelope("/signRawData", Json.RequestEnvelopeRawSignRequestDto, Json.ResponseEnvelopeRawSignResponseDto, async call =>
        {
            var result = await RawSignAsync(call);
            return result.IsSuccess
                ? new RawSignResponseDto(result.Value.Signature, result.Value.KeyId, result.Value.CertificatePem, result.Value.Algorithm, call.Now)
                : result.Error!;
        });

        group.MapEnvelope("/sign", Json.RequestEnvelopeLegacySignRequestDto, Json.ResponseEnvelopeSignatureResponseDto, async call =>
        {
            var validator = new RequestValidator().NotBlank(call.Request.Data, "data");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await call.Runtime.RawSignatures.LegacySignAsync(call.Request.Data!, call.Caller, call.CancellationToken);
            return result.IsSuccess ? new SignatureResponseDto(result.Value, call.Now) : result.Error;
        });

        group.MapEnvelope("/validate", Json.RequestEnvelopeLegacyValidateRequestDto, Json.ResponseEnvelopeValidatorResponseDto, async call =>
        {
            var request = call.Request;
            var validator = new RequestValidator().NotBlank(request.Signature, "signature").NotBlank(request.Data, "data").NotBlank(request.Timestamp, "timestamp");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            return await call.Runtime.RawSignatures.LegacyValidateAsync(request.Signature!, request.Data!, call.CancellationToken)
                ? new ValidatorResponseDto("success", "Validation Successful")
                : Keys.Errors.ErrorCodes.ValidationUnsuccessful;
        });
    }

    private static async Task<Keys.Errors.Result<RawSignature>> RawSignAsync(EndpointCall<RawSignRequestDto> call)
    {
        var request = call.Request;
        if (string.IsNullOrWhiteSpace(request.DataToSign))
        {
            return Keys.Errors.ErrorCodes.InvalidRequest with { Message = $"request.dataToSign {RequestValidator.NotBlankMessage}" };
        }

        return await call.Runtime.RawSignatures.SignAsync(request.DataToSign, request.ApplicationId, request.ReferenceId, request.ResponseEncodingFormat, request.SignAlgorithm, call.Caller, call.CancellationToken);
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
