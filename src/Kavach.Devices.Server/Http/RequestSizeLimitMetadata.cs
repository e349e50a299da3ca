using Microsoft.AspNetCore.Http.Metadata;

namespace Kavach.Devices.Server.Http;

/// <summary>Raises (or lowers) Kestrel's body limit for the routes carrying it; routing applies it before the body is read.</summary>
internal sealed record RequestSizeLimitMetadata(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
