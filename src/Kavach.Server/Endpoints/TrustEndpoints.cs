using System.Globalization;
using System.Security.Claims;
using Kavach.Keys.Errors;
using Kavach.Server.Endpoints.Dtos;
using Kavach.Server.Endpoints.Dtos.Trust;
using Kavach.Server.Http;
using Kavach.Server.OpenApi;
using Kavach.Trust;
using Kavach.Trust.Authorities;
using Kavach.Trust.Errors;

namespace Kavach.Server.Endpoints;

/// <summary>
/// MOSIP's partner certificate endpoints (spec §2.0 rows 29–35) and Kavach's <c>uploadCRL</c>, under
/// <c>/v1/keymanager</c>. Handlers stay thin: validate, call one trust service, map.
/// </summary>
public static class TrustEndpoints
{
    /// <summary>Maps the endpoints onto <paramref name="group"/>.</summary>
    public static void MapTrustEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/uploadCACertificate", async Task<Outcome<StatusResponseDto>> (EnvelopeRequest<CaCertificateRequestDto> envelope, TrustServices trust, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.CertificateData, "certificateData").NotBlank(request.PartnerDomain, "partnerDomain");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await trust.CaCertificates.UploadAsync(request.CertificateData, request.PartnerDomain, user.Identity?.Name ?? "SYSTEM", ct);
            return result.IsSuccess ? new StatusResponseDto(result.Value, MosipTime.Now(time)) : result.Error;
        })
        .Describe(
            "uploadCACertificate",
            ApiTags.PartnerCertificates,
            "Adds a CA or sub-CA certificate to a partner domain's trust store",
            [
                TrustErrors.InvalidCertificate, ErrorCodes.CertificateParsing, TrustErrors.InvalidPartnerDomain, TrustErrors.CertificateExists,
                TrustErrors.CertificateDatesNotValid, TrustErrors.FutureDatedNotAllowed, TrustErrors.InvalidCertificateVersion,
                TrustErrors.RootCaNotFound, TrustErrors.CaValidityTooShort
            ],
            """{"certificateData":"-----BEGIN CERTIFICATE-----\nMIIDkzCCAnugAwIBAgIIU2p0cY1YbDkwDQYJKoZIhvcNAQELBQAwbjELMAkGA1UE\n...\n-----END CERTIFICATE-----","partnerDomain":"DEVICE"}""");

        group.MapPost("/uploadPartnerCertificate", async Task<Outcome<PartnerCertificateResponseDto>> (EnvelopeRequest<PartnerCertificateRequestDto> envelope, TrustServices trust, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator()
                .NotBlank(request.CertificateData, "certificateData")
                .NotBlank(request.OrganizationName, "organizationName")
                .NotBlank(request.PartnerDomain, "partnerDomain");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await trust.Partners.UploadAsync(request.CertificateData, request.OrganizationName, request.PartnerDomain, user.Identity?.Name, ct);
            return result.IsSuccess ? new PartnerCertificateResponseDto(result.Value.SignedCertificateData, result.Value.CertificateId, MosipTime.Now(time)) : result.Error;
        })
        .Describe(
            "uploadPartnerCertificate",
            ApiTags.PartnerCertificates,
            "Checks a partner certificate against its domain's trust store and re-signs it",
            [
                TrustErrors.InvalidCertificate, ErrorCodes.CertificateParsing, TrustErrors.InvalidPartnerDomain,
                TrustErrors.RootIntermediateCaNotFound, TrustErrors.PartnerOrganizationNotMatched, TrustErrors.CertificateDatesNotValid,
                TrustErrors.FutureDatedNotAllowed, TrustErrors.InvalidCertificateVersion, TrustErrors.KeySizeNotAllowed,
                TrustErrors.SignatureAlgorithmNotAllowed, TrustErrors.SelfSignedNotAllowed, TrustErrors.PartnerValidityTooShort,
                TrustErrors.SignCertificateNotAllowed
            ],
            """{"certificateData":"-----BEGIN CERTIFICATE-----\nMIIDkzCCAnugAwIBAgIIU2p0cY1YbDkwDQYJKoZIhvcNAQELBQAwbjELMAkGA1UE\n...\n-----END CERTIFICATE-----","organizationName":"Example Device Provider","partnerDomain":"DEVICE"}""");

        group.MapGet("/getPartnerCertificate/{partnerCertId}", async Task<Outcome<PartnerCertDownloadResponseDto>> (string partnerCertId, TrustServices trust, TimeProvider time, CancellationToken ct) =>
        {
            var result = await trust.Partners.GetAsync(partnerCertId, ct);
            return result.IsSuccess ? new PartnerCertDownloadResponseDto(result.Value.SignedCertificatePem, MosipTime.Now(time)) : result.Error;
        })
        .Describe(
            "getPartnerCertificate",
            ApiTags.PartnerCertificates,
            "Returns a partner's certificate as re-signed by Kavach",
            [TrustErrors.InvalidCertificateId, TrustErrors.PartnerCertificateNotFound]);

        group.MapGet("/getPartnerSignedCertificate/{partnerCertId}", async Task<Outcome<PartnerSignedCertDownloadResponseDto>> (string partnerCertId, TrustServices trust, TimeProvider time, CancellationToken ct) =>
        {
            var result = await trust.Partners.GetAsync(partnerCertId, ct);
            return result.IsSuccess
                ? new PartnerSignedCertDownloadResponseDto(result.Value.CertificatePem, result.Value.SignedCertificatePem, MosipTime.Now(time))
                : result.Error;
        })
        .Describe(
            "getPartnerSignedCertificate",
            ApiTags.PartnerCertificates,
            "Returns a partner's certificate both as its CA signed it and as Kavach re-signed it",
            [TrustErrors.InvalidCertificateId, TrustErrors.PartnerCertificateNotFound]);

        group.MapPost("/verifyCertificateTrust", async Task<Outcome<CertificateTrustResponseDto>> (EnvelopeRequest<CertificateTrustRequestDto> envelope, TrustServices trust, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.CertificateData, "certificateData").NotBlank(request.PartnerDomain, "partnerDomain");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await trust.Verification.VerifyAsync(request.CertificateData, request.PartnerDomain, ct);
            return result.IsSuccess ? new CertificateTrustResponseDto(result.Value.IsTrusted, result.Value.Reason) : result.Error;
        })
        .Describe(
            "verifyCertificateTrust",
            ApiTags.PartnerCertificates,
            "Tells whether a certificate chains to a partner domain's trust store",
            [TrustErrors.InvalidCertificate, ErrorCodes.CertificateParsing, TrustErrors.InvalidPartnerDomain],
            """{"certificateData":"-----BEGIN CERTIFICATE-----\nMIIDkzCCAnugAwIBAgIIU2p0cY1YbDkwDQYJKoZIhvcNAQELBQAwbjELMAkGA1UE\n...\n-----END CERTIFICATE-----","partnerDomain":"DEVICE"}""");

        group.MapPost("/getCaCertificates", async Task<Outcome<CaCertificateChainResponseDto>> (EnvelopeRequest<CaCertTypeListRequestDto> envelope, TrustServices trust, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var filters = new RequestValidator()
                .Filter(request.CertId, "certId", CaCertificateListRequest.MaxFilterLength)
                .Filter(request.IssuedTo, "issuedTo", CaCertificateListRequest.MaxFilterLength)
                .Filter(request.IssuedBy, "issuedBy", CaCertificateListRequest.MaxFilterLength);
            if (filters.Failed)
            {
                return ClientMistake.Of<CaCertificateChainResponseDto>(filters.Errors);
            }

            var dates = new DateFields();
            var listRequest = new CaCertificateListRequest
            {
                CaCertificateType = request.CaCertificateType,
                PartnerDomain = request.PartnerDomain,
                ExcludeMosipCa = request.ExcludeMosipCa ?? false,
                SortOrder = request.SortOrder,
                SortByFieldName = request.SortByFieldName,
                PageNumber = request.PageNumber ?? 0,
                PageSize = request.PageSize ?? 0,
                CertId = request.CertId,
                IssuedTo = request.IssuedTo,
                IssuedBy = request.IssuedBy,
                ValidFromDate = dates.Parse(request.ValidFromDate, "validFromDate"),
                ValidTillDate = dates.Parse(request.ValidTillDate, "validTillDate"),
                UploadTime = dates.Parse(request.UploadTime, "uploadTime"),
                ExpiringWithinDate = dates.Parse(request.ExpiringWithinDate, "expiringWithinDate"),
            };
            if (dates.Errors.Count > 0)
            {
                return dates.Errors;
            }

            var result = await trust.Queries.ListAsync(listRequest, ct);
            if (!result.IsSuccess)
            {
                return result.Error;
            }

            var page = result.Value;
            var rows = page.Certificates.Select(item => new CaCertTypeListResponseDto(
                item.Record.CaCertificateType,
                item.Record.PartnerDomain,
                item.Record.CertId,
                item.Record.Subject,
                item.Record.Issuer,
                item.Record.Thumbprint,
                MosipTime.Format(item.Record.NotBefore),
                MosipTime.Format(item.Record.NotAfter),
                MosipTime.Format(item.Record.UploadedAt),
                item.Active)).ToList();
            return new CaCertificateChainResponseDto(page.PageNumber, page.PageSize, page.TotalRecords, page.TotalPages, rows);
        })
        .Describe(
            "getCaCertificates",
            ApiTags.PartnerCertificates,
            "Lists the CA certificates of the trust store, filtered, sorted and paged",
            [TrustErrors.InvalidCaCertificateType, TrustErrors.InvalidPartnerDomain, ErrorCodes.DateTimeParse],
            """{"caCertificateType":"ROOT","partnerDomain":"DEVICE","excludeMosipCA":true,"sortOrder":"DESC","sortByFieldName":"certNotAfter","pageNumber":1,"pageSize":10,"expiringWithinDate":"2026-06-30T00:00:00.000Z"}""");

        group.MapGet("/getCACertificateTrustPath/{caCertId}", async Task<Outcome<CaCertificateTrustPathResponseDto>> (string caCertId, TrustServices trust, TimeProvider time, CancellationToken ct) =>
        {
            var result = await trust.Queries.GetTrustPathAsync(caCertId, ct);
            return result.IsSuccess ? new CaCertificateTrustPathResponseDto(result.Value, MosipTime.Now(time)) : result.Error;
        })
        .Describe(
            "getCACertificateTrustPath",
            ApiTags.PartnerCertificates,
            "Returns a CA certificate's trust path as a PKCS#7 (p7b) file",
            [TrustErrors.InvalidCertificateId, TrustErrors.CaCertificateNotFound, TrustErrors.P7bConversion]);

        group.MapPost("/uploadCRL", async Task<Outcome<CrlUploadResponseDto>> (EnvelopeRequest<CrlUploadRequestDto> envelope, TrustServices trust, ClaimsPrincipal user, TimeProvider time, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator().NotBlank(request.CrlData, "crlData").NotWhitespaceIfPresent(request.PartnerDomain, "partnerDomain");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await trust.Crls.UploadAsync(request.CrlData, request.PartnerDomain, user.Identity?.Name ?? "SYSTEM", ct);
            if (!result.IsSuccess)
            {
                return result.Error;
            }

            var crl = result.Value;
            return new CrlUploadResponseDto(
                CaUploadStatus.Success,
                crl.Issuer,
                MosipTime.Format(crl.ThisUpdate),
                crl.NextUpdate is { } next ? MosipTime.Format(next) : null,
                crl.RevokedCount,
                crl.Domains,
                MosipTime.Now(time));
        })
        .Describe(
            "uploadCRL",
            ApiTags.PartnerCertificates,
            "Stores a CA's certificate revocation list; certificates it revokes are no longer trusted",
            [
                TrustErrors.InvalidCrl, TrustErrors.CrlNotSupported, TrustErrors.CrlIssuerNotFound, TrustErrors.CrlSignatureNotValid,
                TrustErrors.CrlOlderThanStored, TrustErrors.InvalidPartnerDomain
            ],
            """{"crlData":"-----BEGIN X509 CRL-----\nMIIBtjCBnwIBATANBgkqhkiG9w0BAQsFADBuMQswCQYDVQQGEwJJTjEL...\n-----END X509 CRL-----","partnerDomain":"DEVICE"}""",
            "Kavach's own endpoint (MOSIP has no CRL upload).");
    }

    /// <summary>Parses MOSIP's strict request dates, collecting KER-KMS-006 per bad field.</summary>
    private sealed class DateFields
    {
        public List<KavachError> Errors { get; } = [];

        public DateTime? Parse(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return parsed;
            }

            Errors.Add(ErrorCodes.DateTimeParse with { Message = $"request.{field}: {ErrorCodes.DateTimeParse.Message}" });
            return null;
        }
    }
}
