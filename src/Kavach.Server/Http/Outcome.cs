using Kavach.Keys.Errors;

namespace Kavach.Server.Http;

/// <summary>What an endpoint handler produced: a response, or one or more errors (MOSIP reports one per bad field).</summary>
public readonly struct Outcome<T>
{
    internal Outcome(T? response, IReadOnlyList<KavachError>? errors, int status)
    {
        Response = response;
        Errors = errors;
        Status = status;
    }

    /// <summary>The response on success.</summary>
    public T? Response { get; }

    /// <summary>The errors, or null on success.</summary>
    public IReadOnlyList<KavachError>? Errors { get; }

    /// <summary>
    /// The HTTP status: 200 for responses and for MOSIP's business errors; 400 for client mistakes MOSIP answers
    /// with a 500 (see <see cref="ClientMistake"/>).
    /// </summary>
    public int Status { get; }

    /// <summary>Wraps a response.</summary>
    public static implicit operator Outcome<T>(T response) => new(response, null, StatusCodes.Status200OK);

    /// <summary>Wraps one error.</summary>
    public static implicit operator Outcome<T>(KavachError error) => new(default, [error], StatusCodes.Status200OK);

    /// <summary>Wraps several errors.</summary>
    public static implicit operator Outcome<T>(List<KavachError> errors) => new(default, errors, StatusCodes.Status200OK);
}
