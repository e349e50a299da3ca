using Kavach.Server.Console;
using Kavach.Server.Endpoints.Dtos.Console;
using Kavach.Server.Http;
using Kavach.Server.OpenApi;
using Kavach.Trust.Errors;

namespace Kavach.Server.Endpoints;

/// <summary>The partner trust store for the console: its certificates and CRLs.</summary>
internal static class TrustStoreEndpoints
{
    /// <summary>Maps <c>/trust/certificates</c> and <c>/trust/crls</c>.</summary>
    public static void MapTrustStoreEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/trust/certificates", async Task<Outcome<TrustCertificatesResponseDto>> (string? domain, TrustStoreView trust, CancellationToken ct) =>
        {
            var result = await trust.CertificatesAsync(domain, ct);
            return result.IsSuccess ? result.Value : ClientMistake.Of<TrustCertificatesResponseDto>([result.Error]);
        })
        .Describe(
            "getTrustCertificates",
            ApiTags.Console,
            "The CA, sub-CA and partner certificates of a partner domain (or of every allowed domain), with whether a stored CRL lists them",
            [TrustErrors.InvalidPartnerDomain]);

        group.MapGet("/trust/crls", async Task<Outcome<TrustCrlsResponseDto>> (TrustStoreView trust, CancellationToken ct) => await trust.CrlsAsync(ct))
        .Describe("getTrustCrls", ApiTags.Console, "The stored CRLs: issuer, validity and how many certificates each lists");
    }
}
