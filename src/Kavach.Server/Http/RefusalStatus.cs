using Kavach.Keys.Errors;

namespace Kavach.Server.Http;

/// <summary>
/// The HTTP status of an error envelope. MOSIP answers 200 with the error in the envelope; refusals of the caller
/// (no access to the application's keys, key creation not allowed or over its limit) are 403 and 429 here, so proxies,
/// dashboards and clients' retry logic see them for what they are. The envelope is the same.
/// </summary>
internal static class RefusalStatus
{
    /// <summary>403, 429 or 200 for <paramref name="errors"/>.</summary>
    public static int Of(IReadOnlyList<KavachError> errors)
    {
        foreach (var error in errors)
        {
            if (error.Code == ErrorCodes.KeyCreationRateExceeded.Code)
            {
                return StatusCodes.Status429TooManyRequests;
            }

            if (error.Code == ErrorCodes.DecryptNotAllowed.Code || error.Code == ErrorCodes.SignNotAllowed.Code ||
                error.Code == ErrorCodes.KeyCreationNotAllowed.Code || error.Code == ErrorCodes.KeyCreationTotalExceeded.Code)
            {
                return StatusCodes.Status403Forbidden;
            }
        }

        return StatusCodes.Status200OK;
    }
}
