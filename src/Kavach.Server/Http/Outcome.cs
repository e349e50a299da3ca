using Kavach.Keys.Errors;

namespace Kavach.Server.Http;

/// <summary>What an endpoint handler produced: a response, or one or more errors (MOSIP reports one per bad field).</summary>
public readonly struct Outcome<T>
{
    private Outcome(T? response, IReadOnlyList<KavachError>? errors)
    {
        Response = response;
        Errors = errors;
    }

    /// <summary>The response on success.</summary>
    public T? Response { get; }

    /// <summary>The errors, or null on success.</summary>
    public IReadOnlyList<KavachError>? Errors { get; }

    /// <summary>Wraps a response.</summary>
    public static implicit operator Outcome<T>(T response) => new(response, null);

    /// <summary>Wraps one error.</summary>
    public static implicit operator Outcome<T>(KavachError error) => new(default, [error]);

    /// <summary>Wraps several errors.</summary>
    public static implicit operator Outcome<T>(List<KavachError> errors) => new(default, errors);
}
