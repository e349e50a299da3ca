using Kavach.Keys.Errors;

namespace Kavach.Devices.Server.Http;

/// <summary>The device server's own error codes (KER-DEV-100…119): the door, admin access, limits and the last net.</summary>
public static class DeviceServerErrors
{
    /// <summary>A device route was called without a TLS client certificate (HTTP 401).</summary>
    public static readonly KavachError ClientCertificateRequired = new("KER-DEV-100", "A device certificate is required");

    /// <summary>No such route (HTTP 404).</summary>
    public static readonly KavachError NotFound = new("KER-DEV-101", "No such endpoint");

    /// <summary>The route exists, the method does not (HTTP 405).</summary>
    public static readonly KavachError MethodNotAllowed = new("KER-DEV-102", "Method not allowed");

    /// <summary>The body is over the route's limit (HTTP 413).</summary>
    public static readonly KavachError BodyTooLarge = new("KER-DEV-103", "Request body too large");

    /// <summary>Over the per-address rate limit (HTTP 429).</summary>
    public static readonly KavachError TooManyRequests = new("KER-DEV-104", "Too many requests; retry later");

    /// <summary>No valid admin credentials (HTTP 401). One answer for every reason.</summary>
    public static readonly KavachError AuthenticationFailed = new("KER-DEV-105", "Authentication failed");

    /// <summary>Authenticated, but none of the caller's roles is allowed here (HTTP 403).</summary>
    public static readonly KavachError Forbidden = new("KER-DEV-106", "Forbidden");

    /// <summary>An unexpected fault; details are in the server log only (HTTP 500).</summary>
    public static readonly KavachError Internal = new("KER-DEV-107", "Internal error");

    /// <summary>The server cannot check credentials or reach its store now (HTTP 503).</summary>
    public static readonly KavachError NotReady = new("KER-DEV-108", "Service not ready; retry later");

    /// <summary>The body's media type is wrong for the route (HTTP 415).</summary>
    public static readonly KavachError UnsupportedMediaType = new("KER-DEV-109", "Unsupported media type");

    /// <summary>The request cannot be read (HTTP 400).</summary>
    public static readonly KavachError BadRequest = new("KER-DEV-110", "Malformed request");

    /// <summary>The route's service is not part of this build or not configured (HTTP 503).</summary>
    public static readonly KavachError NotAvailable = new("KER-DEV-111", "This function is not available on this server");

    /// <summary>The request timed out or the client went away (HTTP 408).</summary>
    public static readonly KavachError RequestTimeout = new("KER-DEV-112", "Request timed out");

    /// <summary>The client certificate is not an active certificate of an active device (GET device routes).</summary>
    public static readonly KavachError DeviceCertificateRefused = new("KER-DEV-113", "Device certificate not accepted");
}
