using Kavach.Devices.Server.Configuration;
using Kavach.Devices.Server.Http;
using Kavach.Devices.Updates.Artifacts;
using Kavach.Devices.Updates.Releases;
using Kavach.Devices.Updates.Rollouts;
using Kavach.Devices.Updates.Storage;
using Kavach.Devices.Updates.Timestamps;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// Updates: publish the offline-signed trust document and release manifests (the service checks the Release Root and
/// release-key signatures), upload content-addressed artifacts, and create, follow, pause, resume or abort staged
/// rollouts (a rollout starts when an approver approves its request under <c>/admin/approvals</c>).
/// </summary>
internal static class AdminReleaseEndpoints
{
    public static void MapAdminReleaseEndpoints(this RouteGroupBuilder admin, DeviceServerOptions options)
    {
        admin.MapPost("/trust", static async (HttpContext context, CancellationToken cancellationToken) =>
        {
            var published = await Metadata(context).PublishTrustAsync(await ReadAsync(context, cancellationToken), AdminPrincipal.Of(context.User), cancellationToken);
            return published.IsSuccess ? TypedResults.Ok() : ErrorStatus.Result(published.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Request);

        admin.MapPost("/releases", static async (HttpContext context, CancellationToken cancellationToken) =>
        {
            var published = await Metadata(context).PublishReleaseAsync(await ReadAsync(context, cancellationToken), AdminPrincipal.Of(context.User), cancellationToken);
            return published.IsSuccess
                ? TypedResults.Json(ReleaseView.Of(new PublishedRelease(published.Value, null)), DeviceServerJsonContext.Default.ReleaseView, statusCode: StatusCodes.Status201Created)
                : ErrorStatus.Result(published.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Request);

        // MOSIP's SBI record of a release (spec §4.13.3): a release without one cannot be rolled out.
        admin.MapPost("/releases/{counter:long}/sbi", static async (HttpContext context, long counter, SbiRecord? body, CancellationToken cancellationToken) =>
        {
            if (body is null)
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest with { Message = "A JSON body {swBinaryHash, swVersion, swCreateDateTime, swExpiryDateTime} is required" });
            }

            var set = await Metadata(context).SetSbiAsync(counter, body, AdminPrincipal.Of(context.User), cancellationToken);
            return set.IsSuccess ? TypedResults.Ok() : ErrorStatus.Result(set.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Request);

        // The online timestamp key's public key text, for the timestampKeys of the next trust.json.
        admin.MapGet("/updates/timestamp-key", static async (HttpContext context, CancellationToken cancellationToken) =>
            TypedResults.Json(new TimestampKeyView(await context.RequestServices.GetRequiredService<TimestampService>().GetPublicKeyAsync(cancellationToken)), DeviceServerJsonContext.Default.TimestampKeyView))
            .RequireDeviceRoles(DeviceRoleSets.Read);

        admin.MapGet("/releases", static async (HttpContext context, CancellationToken cancellationToken) =>
        {
            var releases = await Metadata(context).ListReleasesAsync(cancellationToken);
            return TypedResults.Json<IReadOnlyList<ReleaseView>>([.. releases.Select(ReleaseView.Of)], DeviceServerJsonContext.Default.IReadOnlyListReleaseView);
        }).RequireDeviceRoles(DeviceRoleSets.Read);

        // The artifact streams to disk while its hash is computed; its own limit replaces the admin body limit.
        admin.MapPost("/artifacts", static async (HttpContext context, string? name, string? sha256, CancellationToken cancellationToken) =>
        {
            var uploaded = await context.RequestServices.GetRequiredService<ArtifactRepository>()
                .UploadAsync(context.Request.Body, name ?? string.Empty, sha256, AdminPrincipal.Of(context.User), cancellationToken);
            return uploaded.IsSuccess
                ? TypedResults.Json(uploaded.Value, DeviceServerJsonContext.Default.ArtifactRecord, statusCode: StatusCodes.Status201Created)
                : ErrorStatus.Result(uploaded.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Request).WithMetadata(new RequestSizeLimitMetadata(options.MaxArtifactBytes));

        admin.MapPost("/rollouts", static async (HttpContext context, RolloutRequest? body, CancellationToken cancellationToken) =>
        {
            if (body is null)
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest with { Message = "A JSON body is required" });
            }

            var created = await Rollouts(context).CreateAsync(body, AdminPrincipal.Of(context.User), cancellationToken);
            return created.IsSuccess
                ? TypedResults.Json(created.Value, DeviceServerJsonContext.Default.RolloutRecord, statusCode: StatusCodes.Status201Created)
                : ErrorStatus.Result(created.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Request);

        admin.MapGet("/rollouts", static async (HttpContext context, CancellationToken cancellationToken) =>
            TypedResults.Json(await Rollouts(context).ListAsync(cancellationToken), DeviceServerJsonContext.Default.IReadOnlyListRolloutRecord))
            .RequireDeviceRoles(DeviceRoleSets.Read);

        admin.MapGet("/rollouts/{id}", static async (HttpContext context, string id, CancellationToken cancellationToken) =>
        {
            var progress = await Rollouts(context).GetProgressAsync(id, cancellationToken);
            return progress.IsSuccess
                ? TypedResults.Json(progress.Value, DeviceServerJsonContext.Default.RolloutProgress)
                : ErrorStatus.Result(progress.Error);
        }).RequireDeviceRoles(DeviceRoleSets.Read);

        admin.MapPost("/rollouts/{id}/pause", static async (HttpContext context, string id, CancellationToken cancellationToken) =>
            Map(await Rollouts(context).PauseAsync(id, AdminPrincipal.Of(context.User), cancellationToken))).RequireDeviceRoles(DeviceRoleSets.Request);
        admin.MapPost("/rollouts/{id}/resume", static async (HttpContext context, string id, CancellationToken cancellationToken) =>
            Map(await Rollouts(context).ResumeAsync(id, AdminPrincipal.Of(context.User), cancellationToken))).RequireDeviceRoles(DeviceRoleSets.Request);
        admin.MapPost("/rollouts/{id}/abort", static async (HttpContext context, string id, CancellationToken cancellationToken) =>
            Map(await Rollouts(context).AbortAsync(id, AdminPrincipal.Of(context.User), cancellationToken))).RequireDeviceRoles(DeviceRoleSets.Request);
    }

    private static IResult Map(Kavach.Keys.Errors.Result<RolloutRecord> result) =>
        result.IsSuccess ? TypedResults.Json(result.Value, DeviceServerJsonContext.Default.RolloutRecord) : ErrorStatus.Result(result.Error);

    private static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        // Kestrel's admin body limit bounds this read.
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static UpdateMetadataService Metadata(HttpContext context) => context.RequestServices.GetRequiredService<UpdateMetadataService>();

    private static RolloutService Rollouts(HttpContext context) => context.RequestServices.GetRequiredService<RolloutService>();
}
