using System.Security.Claims;
using Kavach.Server.Endpoints.Dtos.Partners;
using Kavach.Server.Http;
using Kavach.Server.OpenApi;
using Kavach.Trust.Channel;
using Kavach.Trust.Errors;

namespace Kavach.Server.Endpoints;

/// <summary>
/// Partner onboarding for the partner channel (seed 000), under <c>/v1/keymanager/partners</c>: Kavach's own endpoints
/// in MOSIP's envelopes. Handlers stay thin: validate, call <see cref="PartnerOnboardingService"/>, map.
/// </summary>
public static class PartnerEndpoints
{
    private const string OnboardExample =
        """{"partnerId":"mpartner-default-auth","organizationName":"Example Auth Partner","partnerDomain":"AUTH","caCertificate":"-----BEGIN CERTIFICATE-----\nMIIDkzCCAnug...\n-----END CERTIFICATE-----","signingCertificate":"-----BEGIN CERTIFICATE-----\nMIIDlTCCAn2g...\n-----END CERTIFICATE-----","encryptionCertificate":"-----BEGIN CERTIFICATE-----\nMIIDlTCCAn2g...\n-----END CERTIFICATE-----","tlsCsr":"-----BEGIN CERTIFICATE REQUEST-----\nMIICijCCAXIC...\n-----END CERTIFICATE REQUEST-----","applicationId":"IDA"}""";

    /// <summary>Maps the endpoints onto <paramref name="group"/>.</summary>
    public static void MapPartnerEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/partners/onboard", async Task<Outcome<PartnerOnboardResponseDto>> (EnvelopeRequest<PartnerOnboardRequestDto> envelope, PartnerOnboardingService partners, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var request = envelope.Request;
            var validator = new RequestValidator()
                .NotBlank(request.PartnerId, "partnerId")
                .NotBlank(request.OrganizationName, "organizationName")
                .NotBlank(request.CaCertificate, "caCertificate")
                .NotBlank(request.SigningCertificate, "signingCertificate")
                .NotBlank(request.EncryptionCertificate, "encryptionCertificate")
                .NotBlank(request.TlsCsr, "tlsCsr")
                .NotWhitespaceIfPresent(request.PartnerDomain, "partnerDomain")
                .NotWhitespaceIfPresent(request.ApplicationId, "applicationId");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await partners.OnboardAsync(
                new PartnerOnboardingRequest(
                    request.PartnerId,
                    request.OrganizationName,
                    request.PartnerDomain,
                    request.CaCertificate,
                    request.SigningCertificate,
                    request.EncryptionCertificate,
                    request.TlsCsr,
                    request.ApplicationId),
                user.Identity?.Name,
                ct);
            return result.IsSuccess ? Response(result.Value) : result.Error;
        })
        .Describe(
            "onboardPartner",
            ApiTags.PartnerChannel,
            "Onboards a partner: its CA and certificates into the trust store, a TLS client certificate from the partner TLS CA",
            [
                ChannelErrors.InvalidPartner, ChannelErrors.InvalidCsr, ChannelErrors.PartnerExists, ChannelErrors.PartnerRevoked,
                ChannelErrors.NotIssuedByPartnerCa, ChannelErrors.ServerKeyNotAvailable, TrustErrors.InvalidCertificate,
                TrustErrors.InvalidPartnerDomain, TrustErrors.RootIntermediateCaNotFound, TrustErrors.PartnerOrganizationNotMatched,
                TrustErrors.CertificateDatesNotValid, TrustErrors.KeySizeNotAllowed, TrustErrors.SelfSignedNotAllowed,
                TrustErrors.PartnerValidityTooShort, TrustErrors.CaValidityTooShort, TrustErrors.SignCertificateNotAllowed
            ],
            OnboardExample,
            "Kavach's own endpoint (seed 000). All or nothing: when a step fails, no partner is recorded. Returns the TLS chain, our signature and encryption certificates and the CA bundle to pin.");

        group.MapPost("/partners/{partnerId}/renew", async Task<Outcome<PartnerOnboardResponseDto>> (string partnerId, EnvelopeRequest<PartnerRenewRequestDto> envelope, PartnerOnboardingService partners, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var validator = new RequestValidator().NotBlank(envelope.Request.TlsCsr, "tlsCsr");
            if (validator.Failed)
            {
                return validator.Errors;
            }

            var result = await partners.RenewAsync(partnerId, envelope.Request.TlsCsr, user.Identity?.Name, ct);
            return result.IsSuccess ? Response(result.Value) : result.Error;
        })
        .Describe(
            "renewPartnerTlsCertificate",
            ApiTags.PartnerChannel,
            "Issues a partner a new TLS client certificate; the previous one stays accepted until it expires",
            [ChannelErrors.PartnerNotFound, ChannelErrors.PartnerRevoked, ChannelErrors.InvalidCsr, ChannelErrors.ServerKeyNotAvailable],
            """{"tlsCsr":"-----BEGIN CERTIFICATE REQUEST-----\nMIICijCCAXIC...\n-----END CERTIFICATE REQUEST-----"}""",
            "Kavach's own endpoint (seed 000).");

        group.MapPost("/partners/{partnerId}/revoke", async Task<Outcome<PartnerDto>> (string partnerId, EnvelopeRequest<PartnerRevokeRequestDto> envelope, PartnerOnboardingService partners, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await partners.RevokeAsync(partnerId, envelope.Request.Reason, user.Identity?.Name, ct);
            return result.IsSuccess ? Dto(result.Value) : result.Error;
        })
        .Describe(
            "revokePartner",
            ApiTags.PartnerChannel,
            "Revokes a partner: its TLS, signature and encryption certificates are refused from the next request on",
            [ChannelErrors.PartnerNotFound, ChannelErrors.PartnerRevoked, ChannelErrors.InvalidPartner],
            """{"reason":"key compromise"}""",
            "Kavach's own endpoint (seed 000). Takes effect on every replica at the next request: the partner channel reads the partner's row on each one.");

        group.MapGet("/partners/{partnerId}", async Task<Outcome<PartnerDto>> (string partnerId, PartnerOnboardingService partners, CancellationToken ct) =>
        {
            var result = await partners.GetAsync(partnerId, ct);
            return result.IsSuccess ? Dto(result.Value) : result.Error;
        })
        .Describe(
            "getPartner",
            ApiTags.PartnerChannel,
            "Returns an onboarded partner: state, certificates, accepted TLS serials",
            [ChannelErrors.PartnerNotFound],
            description: "Kavach's own endpoint (seed 000); the partner channel's remote resolver reads it.");

        group.MapGet("/partners", async Task<Outcome<PartnerListResponseDto>> (PartnerOnboardingService partners, CancellationToken ct) =>
            new PartnerListResponseDto([.. (await partners.ListAsync(ct)).Select(Dto)]))
        .Describe(
            "listPartners",
            ApiTags.PartnerChannel,
            "Lists the onboarded partners",
            description: "Kavach's own endpoint (seed 000).");
    }

    private static PartnerOnboardResponseDto Response(PartnerOnboardingResult result) =>
        new(Dto(result.Partner), result.TlsChain, result.ServerSigningCertificate, result.ServerEncryptionCertificate, result.CaBundle);

    private static PartnerDto Dto(ChannelPartnerView partner) => new(
        partner.PartnerId,
        partner.OrganizationName,
        partner.PartnerDomain,
        partner.ApplicationId,
        partner.Status,
        partner.SigningCertificate,
        partner.EncryptionCertificate,
        partner.TlsCertificateSerials,
        MosipTime.Format(partner.TlsNotAfter),
        partner.RevokedAt is { } revokedAt ? MosipTime.Format(revokedAt) : null,
        partner.RevocationReason);
}
