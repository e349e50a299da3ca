using Kavach.PartnerChannel.HttpSignatures;

namespace Kavach.PartnerChannel.Service;

/// <summary>
/// A request that passed every check: the body the protected service gets, its content type, which signature
/// headers to drop, and (kavach) the request as the response signature covers it.
/// </summary>
/// <param name="Body">The (decrypted) body.</param>
/// <param name="ContentType">The content type to set, or null to keep the incoming one.</param>
/// <param name="BodyChanged">True when the body differs from what was signed, so the signature headers are dropped.</param>
/// <param name="RequestView">The request's <c>@method</c>, <c>@target-uri</c> and <c>signature</c> (kavach), else null.</param>
internal sealed record AcceptedRequest(byte[] Body, string? ContentType, bool BodyChanged, HttpMessageView? RequestView);
