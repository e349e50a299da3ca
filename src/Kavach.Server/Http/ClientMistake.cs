using Kavach.Keys.Errors;

namespace Kavach.Server.Http;

/// <summary>Client mistakes that MOSIP's key manager answers with an HTTP 500: here HTTP 400, same envelope and codes.</summary>
public static class ClientMistake
{
    /// <summary>An outcome of <paramref name="errors"/> sent with HTTP 400.</summary>
    public static Outcome<T> Of<T>(IReadOnlyList<KavachError> errors) => new(default, errors, StatusCodes.Status400BadRequest);
}
