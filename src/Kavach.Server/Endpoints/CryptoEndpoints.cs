using System.Globalization;
using System.Security.Claims;
using Kavach.Keys.DataProtection;
using Kavach.Keys.Errors;
using Kavach.Server.Endpoints.Dtos;
using Kavach.Server.Http;
using Kavach.Server.OpenApi;
using Kavach.Server.Security;

namespace Kavach.Server.Endpoints;

/// <summary><c>/encrypt</c> and <c>/decrypt</c> (spec §3.2).</summary>
public static class CryptoEndpoints
{
    /// <summary>Maps the endpoints onto <paramref name="group"/>.</summary>
    public static void MapCryptoEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/encrypt", async Task<Outcome<DataResponseDto>> (EnvelopeRequest<CryptomanagerRequestDto> envelope, EnvelopeService envelopes, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var request = envelope.Request;
            if (Validate(request) is { Count: > 0 } errors)
            {
                return errors;
            }

            var result = await envelopes.EncryptAsync(request.ApplicationId!, request.ReferenceId, request.Data!, request.Salt, request.Aad, Callers.Of(user), ct);
            return result.IsSuccess ? new DataResponseDto(result.Value) : result.Error;
        })
        .Describe(
            "encrypt",
            ApiTags.CryptoManager,
            "Encrypts data in MOSIP's hybrid envelope under an application's key",
            [
                ErrorCodes.CryptoInvalidRequest, ErrorCodes.NotBase64, ErrorCodes.EncryptNotAllowed, ErrorCodes.ApplicationIdNotValid,
                ErrorCodes.KeyGenerationNotDone, ErrorCodes.NoUniqueAlias
            ],
            """{"applicationId":"REGISTRATION","referenceId":"10001_10002","timeStamp":"2026-01-15T10:30:00.000Z","data":"eyJuYW1lIjoiSm9obiBEb2UifQ","salt":"7nFBoGVwHc1bD0RmNqPZ-A","aad":"YXV0aC1yZXF1ZXN0","prependThumbprint":true}""",
            "`data`, `salt` and `aad` are base64url. The answer is `VER_R2`-prefixed when `prependThumbprint` is set.");

        group.MapPost("/decrypt", async Task<Outcome<DataResponseDto>> (EnvelopeRequest<CryptomanagerRequestDto> envelope, EnvelopeService envelopes, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var request = envelope.Request;
            if (Validate(request) is { Count: > 0 } errors)
            {
                return errors;
            }

            var result = await envelopes.DecryptAsync(request.ApplicationId!, request.ReferenceId, request.Data!, request.Salt, request.Aad, Callers.Of(user), ct);
            return result.IsSuccess ? new DataResponseDto(result.Value) : result.Error;
        })
        .Describe(
            "decrypt",
            ApiTags.CryptoManager,
            "Decrypts a MOSIP hybrid envelope with an application's private key",
            [
                ErrorCodes.CryptoInvalidRequest, ErrorCodes.NotBase64, ErrorCodes.InvalidEncryptedData, ErrorCodes.DecryptNotAllowed,
                ErrorCodes.DecryptionNotAllowed, ErrorCodes.KeyNotFoundByThumbprint, ErrorCodes.AppIdReferenceIdNotMatching,
                ErrorCodes.MoreThanOneKeyFound, ErrorCodes.SymmetricKeyDecryptionFailed, ErrorCodes.NoUniqueAlias
            ],
            """{"applicationId":"REGISTRATION","referenceId":"10001_10002","timeStamp":"2026-01-15T10:30:00.000Z","data":"VkVSX1Iy3q2-7wAAAAAx...I0tFWV9TUExJVFRFUiM...","salt":"7nFBoGVwHc1bD0RmNqPZ-A","aad":"YXV0aC1yZXF1ZXN0"}""",
            "Every failure to decrypt gets the same answer (`KER-CRY-003`), so the answer tells nothing about the ciphertext.");
    }

    private static List<KavachError> Validate(CryptomanagerRequestDto request)
    {
        var validator = new RequestValidator()
            .NotBlank(request.ApplicationId, "applicationId")
            .NotBlank(request.Data, "data")
            .NotBlank(request.TimeStamp, "timeStamp")
            .NotWhitespaceIfPresent(request.Salt, "salt")
            .NotWhitespaceIfPresent(request.Aad, "aad");
        if (!string.IsNullOrWhiteSpace(request.TimeStamp) && !IsMosipTimestamp(request.TimeStamp))
        {
            validator.Errors.Add(ErrorCodes.DateTimeParse);
        }

        return validator.Errors;
    }

    /// <summary>True for <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c>, the format MOSIP's DTOs require.</summary>
    public static bool IsMosipTimestamp(string value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _);
}
