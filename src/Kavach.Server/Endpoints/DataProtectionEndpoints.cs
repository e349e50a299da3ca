using System.Security.Claims;
using Kavach.Keys.Certificates;
using Kavach.Keys.DataProtection;
using Kavach.Keys.Errors;
using Kavach.Server.Endpoints.Dtos;
using Kavach.Server.Http;
using Kavach.Server.OpenApi;
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
        })
        .Describe(
            "jwtEncrypt",
            ApiTags.CryptoManager,
            "Encrypts JSON as a JWE (RSA-OAEP-256, A256GCM) to an application's key or a given certificate",
            [
                ErrorCodes.InvalidJson, ErrorCodes.NotBase64, ErrorCodes.EncryptNotAllowed, ErrorCodes.JweEncryptionError,
                ErrorCodes.CertificateParsing, ErrorCodes.ApplicationIdNotValid, ErrorCodes.KeyGenerationNotDone
            ],
            """{"applicationId":"RESIDENT","referenceId":"","data":"eyJuYW1lIjoiSm9obiBEb2UifQ","enableDefCompression":true,"includeCertificate":false,"includeCertHash":true,"jwkSetUrl":null,"x509Certificate":null}""");

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
        })
        .Describe(
            "jwtDecrypt",
            ApiTags.CryptoManager,
            "Decrypts a JWE with an application's private key",
            [
                ErrorCodes.CryptoInvalidRequest, ErrorCodes.JweDecryptionError, ErrorCodes.DecryptNotAllowed, ErrorCodes.DecryptionNotAllowed,
                ErrorCodes.KeyGenerationNotDone
            ],
            """{"applicationId":"RESIDENT","referenceId":"IDA_SHARE","encData":"eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0.N0lT...Xw.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6ji.XFBoMYUZodetZdvTiFvSkQ"}""");

        group.MapPost("/encryptWithPin", Outcome<DataResponseDto> (EnvelopeRequest<CryptoWithPinRequestDto> envelope, PinCryptoService pins) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.Data, "data").NotBlank(request.UserPin, "userPin");
            return validator.Failed ? validator.Errors : new DataResponseDto(pins.Encrypt(request.Data!, request.UserPin!));
        })
        .Describe(
            "encryptWithPin",
            ApiTags.CryptoManager,
            "Encrypts data under a key derived from a PIN",
            [],
            """{"data":"Sample text to protect","userPin":"482913"}""");

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
        })
        .Describe(
            "decryptWithPin",
            ApiTags.CryptoManager,
            "Decrypts data encrypted by encryptWithPin",
            [ErrorCodes.EncryptedDataCorrupt],
            """{"data":"cW9kbGx0Y2JqZXZyZmhqa3V4...","userPin":"482913"}""");

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
        })
        .Describe(
            "generateArgon2Hash",
            ApiTags.CryptoManager,
            "Hashes data with Argon2id and a random or given salt",
            [ErrorCodes.NotBase64],
            """{"inputData":"4342567890","salt":null}""",
            "`salt`, if given, is base64url; the answer carries the salt used.");
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
