using Kavach.Keys.Certificates;
using Kavach.Keys.DataProtection;
using Kavach.Keys.Errors;
using Kavach.Server.Endpoints.Dtos;
using Kavach.Server.Http;

namespace Kavach.Server.Endpoints;

/// <summary><c>/jwtEncrypt</c>, <c>/jwtDecrypt</c>, <c>/encryptWithPin</c>, <c>/decryptWithPin</c> and <c>/generateArgon2Hash</c>.</summary>
public static class DataProtectionEndpoints
{
    private static readonly KavachJsonContext Json = KavachJsonContext.Default;

    /// <summary>Maps the endpoints onto <paramref name="group"/>.</summary>
    public static void MapDataProtectionEndpoints(this RouteGroupBuilder group)
    {
        group.MapEnvelope("/jwtEncrypt", Json.RequestEnvelopeJwtEncryptRequestDto, Json.ResponseEnvelopeDataTimestampResponseDto, async call =>
        {
            var request = call.Request;
            var validator = new RequestValidator().NotBlank(request.Data, "data");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            // Without a usable x509Certificate the key is (applicationId, referenceId): MOSIP fails inside with a 500.
            if (string.IsNullOrWhiteSpace(request.ApplicationId) && !IsCertificate(request.X509Certificate))
            {
                return ClientMistake.Of<DataTimestampResponseDto>(new RequestValidator().NotBlank(request.ApplicationId, "applicationId").Errors);
            }

            var result = await call.Runtime.Jwe.EncryptAsync(
                new JweEncryptRequest(request.ApplicationId, request.ReferenceId, request.Data!, request.EnableDefCompression, request.IncludeCertificate ?? false, request.IncludeCertHash ?? false, request.JwkSetUrl, request.X509Certificate),
                call.Caller,
                call.CancellationToken);
            return result.IsSuccess ? new DataTimestampResponseDto(result.Value, call.Now) : result.Error;
        });

        group.MapEnvelope("/jwtDecrypt", Json.RequestEnvelopeJwtDecryptRequestDto, Json.ResponseEnvelopeDataTimestampResponseDto, async call =>
        {
            var request = call.Request;
            if (string.IsNullOrWhiteSpace(request.EncData))
            {
                return ErrorCodes.CryptoInvalidRequest;
            }

            var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId").NotBlank(request.ReferenceId, "referenceId");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await call.Runtime.Jwe.DecryptAsync(request.ApplicationId!, request.ReferenceId!, request.EncData!, call.Caller, call.CancellationToken);
            return result.IsSuccess ? new DataTimestampResponseDto(result.Value, call.Now) : result.Error;
        });

        group.MapEnvelope("/encryptWithPin", Json.RequestEnvelopeCryptoWithPinRequestDto, Json.ResponseEnvelopeDataResponseDto, call =>
        {
            var validator = new RequestValidator().NotBlank(call.Request.Data, "data").NotBlank(call.Request.UserPin, "userPin");
            Outcome<DataResponseDto> outcome = validator.Failed
                ? validator.Errors
                : new DataResponseDto(call.Runtime.Pins.Encrypt(call.Request.Data!, call.Request.UserPin!));
            return Task.FromResult(outcome);
        });

        group.MapEnvelope("/decryptWithPin", Json.RequestEnvelopeCryptoWithPinRequestDto, Json.ResponseEnvelopeDataResponseDto, call =>
        {
            var validator = new RequestValidator().NotBlank(call.Request.Data, "data").NotBlank(call.Request.UserPin, "userPin");
            if (validator.Failed)
            {
                return Task.FromResult<Outcome<DataResponseDto>>(validator.Errors);
            }

            var result = call.Runtime.Pins.Decrypt(call.Request.Data!, call.Request.UserPin!);
            return Task.FromResult<Outcome<DataResponseDto>>(result.IsSuccess ? new DataResponseDto(result.Value) : result.Error);
        });

        group.MapEnvelope("/generateArgon2Hash", Json.RequestEnvelopeArgon2GenerateHashRequestDto, Json.ResponseEnvelopeArgon2GenerateHashResponseDto, async call =>
        {
            var validator = new RequestValidator().NotBlank(call.Request.InputData, "inputData");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await call.Runtime.Argon2.HashAsync(call.Request.InputData!, call.Request.Salt, call.CancellationToken);
            return result.IsSuccess ? new Argon2GenerateHashResponseDto(result.Value.Hash, result.Value.Salt) : result.Error;
        });
    }

    private static bool IsCertificate(string? pem)
    {
        if (!Pem.TryParseCertificate(pem, out var certificate))
        {
            return false;
        }

        certificate.Dispose();
        return true;
    }
}
