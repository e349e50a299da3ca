using System.Globalization;
using Kavach.Keys.Errors;
using Kavach.Server.Composition;
using Kavach.Server.Endpoints.Dtos;
using Kavach.Server.Endpoints.Dtos.Trust;
using Kavach.Server.Http;
using Kavach.Trust.Authorities;

namespace Kavach.Server.Endpoints;

/// <summary>
/// MOSIP's partner certificate endpoints (spec §2.0 rows 29–35) and Kavach's <c>uploadCRL</c>, under
/// <c>/v1/keymanager</c>. Handlers stay thin: validate, call one trust service, map.
/// </summary>
public static class TrustEndpoints
{
    private static readonly TrustJsonContext Json = TrustJsonContext.Default;

    /// <summary>Maps the endpoints onto <paramref name="group"/>.</summary>
    public static void MapTrustEndpoints(this RouteGroupBuilder group)
    {
        group.MapEnvelope("/uploadCACertificate", Json.RequestEnvelopeCaCertificateRequestDto, Json.ResponseEnvelopeStatusResponseDto, async call =>
        {
            var request = call.Request;
            var validator = new RequestValidator().NotBlank(request.CertificateData, "certificateData").NotBlank(request.PartnerDomain, "partnerDomain");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await call.Runtime.Trust.CaCertificates.UploadAsync(request.CertificateData, request.PartnerDomain, call.UserName ?? "SYSTEM", call.CancellationToken);
            return result.IsSuccess ? new StatusResponseDto(result.Value, call.Now) : result.Error;
        });

        group.MapEnvelope("/uploadPartnerCertificate", Json.RequestEnvelopePartnerCertificateRequestDto, Json.ResponseEnvelopePartnerCertificateResponseDto, async call =>
        {
            var request = call.Request;
            var validator = new RequestValidator()
                .NotBlank(request.CertificateData, "certificateData")
                .NotBlank(request.OrganizationName, "organizationName")
                .NotBlank(request.PartnerDomain, "partnerDomain");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await call.Runtime.Trust.Partners.UploadAsync(request.CertificateData, request.OrganizationName, request.PartnerDomain, call.UserName, call.CancellationToken);
            return result.IsSuccess ? new PartnerCertificateResponseDto(result.Value.SignedCertificateData, result.Value.CertificateId, call.Now) : result.Error;
        });

        group.MapGet("/getPartnerCertificate/{partnerCertId}", (HttpContext context, string partnerCertId, RuntimeHolder runtime) =>
            Envelope.HandleQueryAsync(context, Json.ResponseEnvelopePartnerCertDownloadResponseDto, async ct =>
            {
                var result = await runtime.Current.Trust.Partners.GetAsync(partnerCertId, ct);
                return result.IsSuccess ? new PartnerCertDownloadResponseDto(result.Value.SignedCertificatePem, Envelope.Now(context)) : result.Error;
            }))
            .Produces<ResponseEnvelope<PartnerCertDownloadResponseDto>>();

        group.MapGet("/getPartnerSignedCertificate/{partnerCertId}", (HttpContext context, string partnerCertId, RuntimeHolder runtime) =>
            Envelope.HandleQueryAsync(context, Json.ResponseEnvelopePartnerSignedCertDownloadResponseDto, async ct =>
            {
                var result = await runtime.Current.Trust.Partners.GetAsync(partnerCertId, ct);
                return result.IsSuccess
                    ? new PartnerSignedCertDownloadResponseDto(result.Value.CertificatePem, result.Value.SignedCertificatePem, Envelope.Now(context))
                    : result.Error;
            }))
            .Produces<ResponseEnvelope<PartnerSignedCertDownloadResponseDto>>();

        group.MapEnvelope("/verifyCertificateTrust", Json.RequestEnvelopeCertificateTrustRequestDto, Json.ResponseEnvelopeCertificateTrustResponseDto, async call =>
        {
            var request = call.Request;
            var validator = new RequestValidator().NotBlank(request.CertificateData, "certificateData").NotBlank(request.PartnerDomain, "partnerDomain");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await call.Runtime.Trust.Verification.VerifyAsync(request.CertificateData, request.PartnerDomain, call.CancellationToken);
            return result.IsSuccess ? new CertificateTrustResponseDto(result.Value.IsTrusted, result.Value.Reason) : result.Error;
        });

        group.MapEnvelope("/getCaCertificates", Json.RequestEnvelopeCaCertTypeListRequestDto, Json.ResponseEnvelopeCaCertificateChainResponseDto, async call =>
        {
            var request = call.Request;
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

            var result = await call.Runtime.Trust.Queries.ListAsync(listRequest, call.CancellationToken);
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
        });

        group.MapGet("/getCACertificateTrustPath/{caCertId}", (HttpContext context, string caCertId, RuntimeHolder runtime) =>
            Envelope.HandleQueryAsync(context, Json.ResponseEnvelopeCaCertificateTrustPathResponseDto, async ct =>
            {
                var result = await runtime.Current.Trust.Queries.GetTrustPathAsync(caCertId, ct);
                return result.IsSuccess ? new CaCertificateTrustPathResponseDto(result.Value, Envelope.Now(context)) : result.Error;
            }))
            .Produces<ResponseEnvelope<CaCertificateTrustPathResponseDto>>();

        group.MapEnvelope("/uploadCRL", Json.RequestEnvelopeCrlUploadRequestDto, Json.ResponseEnvelopeCrlUploadResponseDto, async call =>
        {
            var request = call.Request;
            var validator = new RequestValidator().NotBlank(request.CrlData, "crlData").NotWhitespaceIfPresent(request.PartnerDomain, "partnerDomain");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await call.Runtime.Trust.Crls.UploadAsync(request.CrlData, request.PartnerDomain, call.UserName ?? "SYSTEM", call.CancellationToken);
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
                call.Now);
        });
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
