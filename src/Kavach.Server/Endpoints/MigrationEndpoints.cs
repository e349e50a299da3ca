using Kavach.Keys.Errors;
using Kavach.Keys.Migration;
using Kavach.Server.Endpoints.Dtos;
using Kavach.Server.Http;
using Kavach.Server.OpenApi;

namespace Kavach.Server.Endpoints;

/// <summary>MOSIP's key-migration endpoints (spec §10.2, §2.0 rows 43–45), for the keys-migrator job; role KEY_MIGRATION_ADMIN.</summary>
public static class MigrationEndpoints
{
    /// <summary>Maps the endpoints onto <paramref name="group"/>.</summary>
    public static void MapMigrationEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/migrateBaseKey", async Task<Outcome<StatusResponseDto>> (EnvelopeRequest<KeyMigrateBaseKeyRequestDto> envelope, BaseKeyMigrator migrator, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator()
                .NotBlank(request.ApplicationId, "applicationId")
                .NotBlank(request.ReferenceId, "referenceId")
                .NotBlank(request.EncryptedKeyData, "encryptedKeyData")
                .NotBlank(request.CertificateData, "certificateData");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            // MOSIP does not validate the dates and fails later with a 500 when one is missing.
            var dates = new RequestValidator().NotBlank(request.NotBefore, "notBefore").NotBlank(request.NotAfter, "notAfter");
            if (dates.Failed)
            {
                return ClientMistake.Of<StatusResponseDto>(dates.Errors);
            }

            var notBefore = ParseTime(request.NotBefore, "notBefore", validator);
            var notAfter = ParseTime(request.NotAfter, "notAfter", validator);
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await migrator.MigrateAsync(
                new BaseKeyMigrationRequest(request.ApplicationId!, request.ReferenceId!, request.EncryptedKeyData!, request.CertificateData!, notBefore, notAfter), ct);
            return result.IsSuccess ? new StatusResponseDto(result.Value, MosipTime.Now(time)) : result.Error;
        })
        .Describe(
            "migrateBaseKey",
            ApiTags.KeyMigrator,
            "Stores a base key re-wrapped for this key manager's master key by MOSIP's keys-migrator",
            [
                ErrorCodes.DateTimeParse, ErrorCodes.ApplicationIdNotValid, ErrorCodes.ReferenceIdNotSupported, ErrorCodes.NoUniqueAlias,
                ErrorCodes.CertificateParsing, ErrorCodes.KeyNotMatching, ErrorCodes.MigratedKeyNotUnwrapped,
                ErrorCodes.MigratedKeyValidityMismatch, ErrorCodes.KeyGenerationNotDone
            ],
            """{"applicationId":"REGISTRATION","referenceId":"10001_110011","encryptedKeyData":"<base64url(RSA-OAEP(master, K) #KEY_SPLITTER# AES-GCM(K, PKCS#8))>","certificateData":"-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----","notBefore":"2026-01-01T00:00:00.000Z","notAfter":"2027-01-01T00:00:00.000Z"}""",
            "The key is stored only when it unwraps with the current master key and matches its certificate; the status is MOSIP's (`Migration Success`, `Migration Not Allowed. Valid Key Exists.`).");

        group.MapGet("/getZKTempCertificate", async Task<Outcome<ZkKeyMigrateCertficateResponseDto>> (ZkKeyMigrator migrator, TimeProvider time, CancellationToken ct) =>
        {
            var result = await migrator.GetTempCertificateAsync(ct);
            return result.IsSuccess ? new ZkKeyMigrateCertficateResponseDto(result.Value, MosipTime.Now(time)) : result.Error;
        })
        .Describe(
            "getZKTempCertificate",
            ApiTags.KeyMigrator,
            "Returns (or makes) the one-day certificate the zero-knowledge pool keys are encrypted to for migration",
            [ErrorCodes.NoUniqueAlias]);

        group.MapPost("/migrateZKKeys", async Task<Outcome<ZkKeyMigrateResponseDto>> (EnvelopeRequest<ZkKeyMigrateRequestDto> envelope, ZkKeyMigrator migrator, CancellationToken ct) =>
        {
            var request = envelope.Request;

            // MOSIP answers a missing list with a 500 (NullPointerException).
            if (request.ZkEncryptedDataList is not { } list)
            {
                return ClientMistake.Of<ZkKeyMigrateResponseDto>([ErrorCodes.InvalidRequest with { Message = $"request.zkEncryptedDataList {RequestValidator.NotBlankMessage}" }]);
            }

            var items = list.Select(i => i is null ? null : new ZkKeyMigrationItem(i.KeyIndex, i.EncryptedKeyData)).ToList();
            var result = await migrator.MigrateAsync(items, request.PurgeTempKeyFlag ?? false, ct);
            return result.IsSuccess
                ? new ZkKeyMigrateResponseDto(result.Value.Select(r => new ZkKeyResponseDto(r.KeyIndex, r.Status)).ToList())
                : result.Error;
        })
        .Describe(
            "migrateZKKeys",
            ApiTags.KeyMigrator,
            "Stores zero-knowledge pool keys encrypted to the temporary certificate under this key manager's ZK master key",
            [ErrorCodes.NoUniqueAlias, ErrorCodes.ZkNoUniqueAlias, ErrorCodes.ZkRandomKeyCipherFailed],
            """{"zkEncryptedDataList":[{"keyIndex":0,"encryptedKeyData":"<base64url(RSA-OAEP-SHA256(temp certificate, 32-byte key))>"}],"purgeTempKeyFlag":false}""",
            "Each item gets MOSIP's status (`Migration Success`, `Error in Migration`, `Migration Not Allowed. Valid Key Exists.`); `purgeTempKeyFlag` deletes the temporary key afterwards.");
    }

    // MOSIP's DTO takes LocalDateTime (ISO, optional 'Z'); a bad value is KER-KMS-006 as for every request date.
    private static DateTime ParseTime(string? value, string field, RequestValidator validator)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return default;
        }

        if (MosipTime.TryParseRequestTime(value, out var parsed))
        {
            return parsed;
        }

        validator.Errors.Add(ErrorCodes.DateTimeParse with { Message = $"request.{field}: {ErrorCodes.DateTimeParse.Message}" });
        return default;
    }
}
