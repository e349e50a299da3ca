using System.Security.Claims;
using Kavach.Keys.Certificates;
using Kavach.Keys.DataProtection;
using Kavach.Keys.Errors;
using Kavach.Server.Endpoints.Dtos;
using Kavach.Server.Http;
using Kavach.Server.Security;

namespace Kavach.Server.Endpoints;

/// <summary><c>/jwtEncrypt</c>, <c>/jwtDecrypt</c>, <c>/encryptWithPin</c>, <c>/decryptWithPin</c> and <c>/generateArgon2Hash</c>.</summary>
public static class DataProtectionEndpoints
{
    /// <summary>Maps the endpoints onto <paramref name="group"/>.</summary>
    public static void MapDataProtectionEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/jwtEncrypt", async Task<Outcome<DataTimestampResponseDto>> (EnvelopeRequest<JwtEncryptRequestDto> envelope, JweService jwe, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
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

            var result = await jwe.EncryptAsync(
                new JweEncryptRequest(request.ApplicationId, request.ReferenceId, request.Data!, request.EnableDefCompression, request.IncludeCertificate ?? false, request.IncludeCertHash ?? false, request.JwkSetUrl, request.X509Certificate),
                Callers.Of(user),
                ct);
            return result.IsSuccess ? new DataTimestampResponseDto(result.Value, MosipTime.Now(time)) : result.Error;
        });

        group.MapPost("/jwtDecrypt", async Task<Outcome<DataTimestampResponseDto>> (EnvelopeRequest<JwtDecryptRequestDto> envelope, JweService jwe, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            if (string.IsNullOrWhiteSpace(request.EncData))
            {
                return ErrorCodes.CryptoInvalidRequest;
            }

            var validator = new RequestValidator().NotBlank(request.ApplicationId, "applicationId").NotBlank(request.ReferenceId, "referenceId");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await jwe.DecryptAsync(request.ApplicationId!, request.ReferenceId!, request.EncData!, Callers.Of(user), ct);
            return result.IsSuccess ? new DataTimestampResponseDto(result.Value, MosipTime.Now(time)) : result.Error;
        });

        group.MapPost("/encryptWithPin", Outcome<DataResponseDto> (EnvelopeRequest<CryptoWithPinRequestDto> envelope, PinCryptoService pins) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.Data, "data").NotBlank(request.UserPin, "userPin");
            return validator.Failed ? validator.Errors : new DataResponseDto(pins.Encrypt(request.Data!, request.UserPin!));
        });

        group.MapPost("/decryptWithPin", Outcome<DataResponseDto> (EnvelopeRequest<CryptoWithPinRequestDto> envelope, PinCryptoService pins) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.Data, "data").NotBlank(request.UserPin, "userPin");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = pins.Decrypt(request.Data!, request.UserPin!);
            return result.IsSuccess ? new DataResponseDto(result.Value) : result.Error;
        });

        group.MapPost("/generateArgon2Hash", async Task<Outcome<Argon2GenerateHashResponseDto>> (EnvelopeRequest<Argon2GenerateHashRequestDto> envelope, Argon2HashService argon2, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.InputData, "inputData");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await argon2.HashAsync(request.InputData!, request.Salt, ct);
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
