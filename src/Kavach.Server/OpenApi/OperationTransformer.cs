using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.Keys.Errors;
using Kavach.Server.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kavach.Server.OpenApi;

/// <summary>
/// Writes each endpoint's <see cref="ApiOperation"/> into its operation: id, tag, summary, the MOSIP errors it can
/// answer with (its own, those of the envelope and those of the security layer, all from the error catalogues), the
/// security schemes (every operation under the MOSIP base path; none for health), and an example request envelope.
/// </summary>
internal sealed class OperationTransformer : IOpenApiOperationTransformer
{
    /// <summary>The extension listing the operation's MOSIP error codes for tools.</summary>
    public const string ErrorCodesExtension = "x-mosip-error-codes";

    // Fixed, so the document is the same on every fetch (clients diff it); MOSIP's format.
    private const string ExampleRequestTime = "2026-01-15T10:30:00.000Z";

    // What the envelope binding answers for any JSON-bodied operation (malformed JSON, no request, bad requesttime;
    // 415 for another content type).
    private static readonly KavachError[] EnvelopeErrors = [ErrorCodes.InvalidRequest, ErrorCodes.DateTimeParse, ErrorCodes.InternalServerError];

    // What the security layer and the readiness gate answer for any operation under the MOSIP base path.
    private static readonly KavachError[] SecurityLayerErrors =
    [
        SecurityErrors.AuthenticationFailed, SecurityErrors.Forbidden, SecurityErrors.TooManyRequests,
        SecurityErrors.AuthServiceUnavailable, SecurityErrors.NotReady,
    ];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var described = context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiOperation>().LastOrDefault();
        if (described is null)
        {
            // Left bare on purpose: the document test names every operation without a description.
            return Task.CompletedTask;
        }

        var secured = ("/" + context.Description.RelativePath).StartsWith(KavachServer.ApiBase + "/", StringComparison.OrdinalIgnoreCase);
        var hasBody = operation.RequestBody is not null;
        operation.OperationId = described.OperationId;
        operation.Summary = described.Summary;
        operation.Tags = new HashSet<OpenApiTagReference> { new(described.Tag, context.Document) };

        var errors = described.Errors
            .Concat(hasBody ? EnvelopeErrors : [])
            .Concat(secured ? SecurityLayerErrors : [])
            .DistinctBy(e => (e.Code, e.Message))
            .ToList();
        operation.Description = Describe(described.Description, errors);
        if (errors.Count > 0)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
            operation.Extensions[ErrorCodesExtension] = new JsonNodeExtension(new JsonArray(
                errors.Select(e => (JsonNode)new JsonObject { ["errorCode"] = e.Code, ["message"] = e.Message }).ToArray()));
        }

        if (secured)
        {
            operation.Security =
            [
                Requirement(SecuritySchemeNames.Bearer, context.Document),
                Requirement(SecuritySchemeNames.AuthorizationCookie, context.Document),
                Requirement(SecuritySchemeNames.MutualTls, context.Document),
            ];
            AddResponse(operation, "401", "Not authenticated (`KER-ATH-401`); the body is a MOSIP error envelope.");
            AddResponse(operation, "403", "Authenticated, but no role of the caller may call this operation (`KER-ATH-403`).");
            AddResponse(operation, "429", "The caller's rate limit is reached (`KER-ATH-429`); retry after the `Retry-After` header.");
            AddResponse(operation, "503", "Not ready yet, or the token issuer cannot be reached (`KER-KMS-500`, `KER-ATH-002`).");
        }
        else
        {
            // Explicitly open, so a linter (and a reader) sees it was not forgotten.
            operation.Security = [new OpenApiSecurityRequirement()];
        }

        if (hasBody)
        {
            AddResponse(operation, "413", "The body is larger than `Kavach:MaxRequestBodyBytes` (`KER-KMS-005`).");
            AddResponse(operation, "415", "The body is not `application/json` (`KER-KMS-500`).");
            if (described.RequestExample is { } example && operation.RequestBody!.Content?.TryGetValue("application/json", out var media) == true)
            {
                media.Example = Envelope(described.OperationId, example);
            }
        }

        return Task.CompletedTask;
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static void AddResponse(OpenApiOperation operation, string status, string description)
    {
        operation.Responses ??= [];
        operation.Responses.TryAdd(status, new OpenApiResponse { Description = description });
    }

    private static JsonObject Envelope(string operationId, string request) => new()
    {
        ["id"] = "mosip.keymanager." + operationId,
        ["version"] = "1.0",
        ["requesttime"] = ExampleRequestTime,
        ["metadata"] = new JsonObject(),
        ["request"] = JsonNode.Parse(request),
    };

    private static string? Describe(string? description, IReadOnlyList<KavachError> errors)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(description))
        {
            text.Append(description.Trim()).Append("\n\n");
        }

        if (errors.Count == 0)
        {
            return text.Length == 0 ? null : text.ToString().TrimEnd();
        }

        text.Append("MOSIP errors (in the response envelope's `errors`; HTTP 200 unless one of the responses below says otherwise):\n\n| errorCode | message |\n|---|---|\n");
        foreach (var error in errors)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{error.Code}` | {error.Message.Replace("|", "\\|", StringComparison.Ordinal).Trim()} |\n");
        }

        return text.ToString().TrimEnd();
    }
}
