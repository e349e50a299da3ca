using Kavach.Keys.Errors;

namespace Kavach.Server.OpenApi;

/// <summary>Attaches an endpoint's API description next to its mapping.</summary>
/// <remarks>
/// A new endpoint is described by one call on its mapping, for example:
/// <code>
/// group.MapPost("/migrateBaseKey", Handler)
///     .Describe("migrateBaseKey", ApiTags.KeyMigrator, "Migrates a base key wrapped by MOSIP", [ErrorCodes.InvalidRequest], """{"applicationId":"REGISTRATION"}""");
/// </code>
/// The operation id is MOSIP's (see MOSIP's OpenAPI file) where MOSIP serves the endpoint. The document test fails
/// for any operation without a description, so none is forgotten.
/// </remarks>
internal static class ApiOperationExtensions
{
    /// <summary>Describes the endpoint for the OpenAPI document (operation id, tag, summary, errors, request example).</summary>
    public static RouteHandlerBuilder Describe(
        this RouteHandlerBuilder endpoint,
        string operationId,
        string tag,
        string summary,
        KavachError[]? errors = null,
        string? requestExample = null,
        string? description = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.WithMetadata(new ApiOperation(operationId, tag, summary, errors ?? [], requestExample, description));
    }
}
