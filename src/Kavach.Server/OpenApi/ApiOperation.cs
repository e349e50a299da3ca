using Kavach.Keys.Errors;

namespace Kavach.Server.OpenApi;

/// <summary>
/// What the API description says of one endpoint, kept in the endpoint's metadata by
/// <see cref="ApiOperationExtensions.Describe"/> and written into the document by <see cref="OperationTransformer"/>.
/// </summary>
/// <param name="OperationId">MOSIP's operationId where MOSIP serves the endpoint (so generated clients name methods alike); otherwise one in the same style.</param>
/// <param name="Tag">The area, one of <see cref="ApiTags"/>.</param>
/// <param name="Summary">One line.</param>
/// <param name="Errors">The MOSIP errors the operation itself can answer with (from the one catalogue; those of the envelope and the security layer are added for every operation).</param>
/// <param name="RequestExample">The <c>request</c> object of a realistic call, as JSON; the envelope around it is added.</param>
/// <param name="Description">What a caller needs beyond the summary, if anything.</param>
internal sealed record ApiOperation(
    string OperationId,
    string Tag,
    string Summary,
    IReadOnlyList<KavachError> Errors,
    string? RequestExample,
    string? Description);
