using Kavach.Devices.Updates.Artifacts;
using Kavach.Devices.Updates.Releases;
using Kavach.Devices.Server.Http;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Server.DeviceRoutes;

/// <summary>
/// <c>GET /v1/updates/…</c> (spec §4.4, §4.8): the signed update metadata and content-addressed artifacts, to admitted
/// devices (<see cref="DeviceCertificateAdmission"/>). The documents are signed offline (trust, releases) or by the
/// timestamp key, so they go out as stored; artifacts support <c>Range</c>.
/// </summary>
internal static class UpdateHandlers
{
    private const string JsonMediaType = "application/json";

    public static Task<IResult> TrustAsync(HttpContext context, DeviceMessage message) =>
        DocumentAsync(context, message, static (service, _, ct) => service.GetTrustDocumentAsync(ct));

    public static Task<IResult> TimestampAsync(HttpContext context, DeviceMessage message) =>
        DocumentAsync(context, message, static (service, _, ct) => service.GetTimestampDocumentAsync(null, ct));

    public static Task<IResult> ReleaseAsync(HttpContext context, DeviceMessage message) =>
        DocumentAsync(context, message, static (service, http, ct) =>
            long.TryParse(http.Request.RouteValues["counter"] as string, out var counter)
                ? service.GetReleaseDocumentAsync(counter, ct)
                : Task.FromResult<Result<byte[]>>(DeviceServerErrors.BadRequest));

    public static async Task<IResult> ArtifactAsync(HttpContext context, DeviceMessage message)
    {
        if (await DeviceCertificateAdmission.RefuseAsync(context, message.ClientCertificate) is { } refused)
        {
            return refused;
        }

        var sha256 = context.Request.RouteValues["sha256"] as string ?? string.Empty;
        var opened = await context.RequestServices.GetRequiredService<ArtifactRepository>().OpenAsync(sha256, context.RequestAborted);
        return opened.IsSuccess
            ? TypedResults.Stream(opened.Value.Content, "application/octet-stream", enableRangeProcessing: true)
            : ErrorStatus.Result(opened.Error);
    }

    private static async Task<IResult> DocumentAsync(HttpContext context, DeviceMessage message, Func<UpdateMetadataService, HttpContext, CancellationToken, Task<Result<byte[]>>> read)
    {
        if (await DeviceCertificateAdmission.RefuseAsync(context, message.ClientCertificate) is { } refused)
        {
            return refused;
        }

        var document = await read(context.RequestServices.GetRequiredService<UpdateMetadataService>(), context, context.RequestAborted);
        return document.IsSuccess ? TypedResults.Bytes(document.Value, JsonMediaType) : ErrorStatus.Result(document.Error);
    }
}
