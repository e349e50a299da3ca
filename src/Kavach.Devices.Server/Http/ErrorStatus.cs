using Kavach.Keys.Errors;

namespace Kavach.Devices.Server.Http;

/// <summary>
/// The HTTP status of a service's error, by code: the one mapping the endpoints use. Unknown codes are the caller's
/// fault (400) unless they name something that is not there (404) or a conflict (409); nothing maps to 500.
/// </summary>
internal static class ErrorStatus
{
    private static readonly Dictionary<string, int> Known = new(StringComparer.Ordinal)
    {
        // Repository (020–039).
        ["KER-DEV-020"] = StatusCodes.Status400BadRequest,
        ["KER-DEV-021"] = StatusCodes.Status409Conflict,
        ["KER-DEV-022"] = StatusCodes.Status404NotFound,
        ["KER-DEV-023"] = StatusCodes.Status422UnprocessableEntity,
        ["KER-DEV-024"] = StatusCodes.Status409Conflict,
        ["KER-DEV-025"] = StatusCodes.Status404NotFound,
        ["KER-DEV-026"] = StatusCodes.Status400BadRequest,
        ["KER-DEV-027"] = StatusCodes.Status422UnprocessableEntity,
        ["KER-DEV-028"] = StatusCodes.Status413PayloadTooLarge,
        ["KER-DEV-029"] = StatusCodes.Status409Conflict,
        ["KER-DEV-030"] = StatusCodes.Status422UnprocessableEntity,
        ["KER-DEV-031"] = StatusCodes.Status409Conflict,
        ["KER-DEV-032"] = StatusCodes.Status404NotFound,
        ["KER-DEV-033"] = StatusCodes.Status404NotFound,
        ["KER-DEV-034"] = StatusCodes.Status403Forbidden,
        ["KER-DEV-035"] = StatusCodes.Status409Conflict,
        ["KER-DEV-036"] = StatusCodes.Status409Conflict,
        ["KER-DEV-037"] = StatusCodes.Status503ServiceUnavailable,
        ["KER-DEV-038"] = StatusCodes.Status404NotFound,
        ["KER-DEV-039"] = StatusCodes.Status409Conflict,

        // Updates (080–099).
        ["KER-DEV-080"] = StatusCodes.Status422UnprocessableEntity,
        ["KER-DEV-081"] = StatusCodes.Status404NotFound,
        ["KER-DEV-082"] = StatusCodes.Status404NotFound,
        ["KER-DEV-083"] = StatusCodes.Status409Conflict,
        ["KER-DEV-084"] = StatusCodes.Status409Conflict,
        ["KER-DEV-087"] = StatusCodes.Status413PayloadTooLarge,
        ["KER-DEV-088"] = StatusCodes.Status422UnprocessableEntity,
        ["KER-DEV-089"] = StatusCodes.Status404NotFound,
        ["KER-DEV-091"] = StatusCodes.Status404NotFound,
        ["KER-DEV-092"] = StatusCodes.Status409Conflict,
        ["KER-DEV-093"] = StatusCodes.Status403Forbidden,
        ["KER-DEV-094"] = StatusCodes.Status404NotFound,
        ["KER-DEV-098"] = StatusCodes.Status503ServiceUnavailable,
    };

    // Refusals that a retry may cure: 503 with Retry-After (seconds).
    private static readonly Dictionary<string, string> RetryAfter = new(StringComparer.Ordinal)
    {
        ["KER-DEV-098"] = "30",
    };

    public static int For(KavachError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (Known.TryGetValue(error.Code, out var status))
        {
            return status;
        }

        return error.Message.Contains("not found", StringComparison.OrdinalIgnoreCase) ? StatusCodes.Status404NotFound
            : error.Message.Contains("unavailable", StringComparison.OrdinalIgnoreCase) ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status400BadRequest;
    }

    /// <summary>The error as a result with its status (and Retry-After when a retry may cure it).</summary>
    public static IResult Result(KavachError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var result = ErrorResponses.Result(For(error), error);
        return RetryAfter.TryGetValue(error.Code, out var seconds) ? new RetryAfterResult(result, seconds) : result;
    }
}
