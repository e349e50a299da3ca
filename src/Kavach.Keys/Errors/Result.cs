using System.Diagnostics.CodeAnalysis;

namespace Kavach.Keys.Errors;

/// <summary>Either a value or a <see cref="KavachError"/>; services return these instead of throwing for expected failures.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, KavachError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The error, or null on success.</summary>
    public KavachError? Error { get; }

    /// <summary>True when there is a value.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value; throws when this is an error (a bug in the caller).</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"Result is an error ({Error.Code}).");

    /// <summary>Wraps a value.</summary>
    public static implicit operator Result<T>(T value) => new(value, null);

    /// <summary>Wraps an error.</summary>
    public static implicit operator Result<T>(KavachError error) => new(default, error);
}
