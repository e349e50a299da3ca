namespace Kavach.Devices.Updates.Verification;

/// <summary>The outcome of one update check: the verified value, or the refusal and nothing else.</summary>
/// <typeparam name="T">What a successful check yields.</typeparam>
public readonly record struct UpdateCheck<T>
    where T : class
{
    internal UpdateCheck(T? value, UpdateRefusal refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    /// <summary>The verified value; null when refused.</summary>
    public T? Value { get; }

    /// <summary><see cref="UpdateRefusal.None"/> when accepted.</summary>
    public UpdateRefusal Refusal { get; }

    /// <summary>True when accepted.</summary>
    public bool IsAccepted => Refusal == UpdateRefusal.None && Value is not null;
}

/// <summary>Makes <see cref="UpdateCheck{T}"/> values.</summary>
public static class UpdateCheck
{
    /// <summary>An accepted check.</summary>
    public static UpdateCheck<T> Accept<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value, UpdateRefusal.None);
    }

    /// <summary>A refused check.</summary>
    public static UpdateCheck<T> Refuse<T>(UpdateRefusal refusal)
        where T : class =>
        refusal == UpdateRefusal.None ? throw new ArgumentOutOfRangeException(nameof(refusal)) : new(null, refusal);
}
