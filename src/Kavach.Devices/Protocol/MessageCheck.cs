using System.Diagnostics.CodeAnalysis;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Protocol;

/// <summary>
/// The outcome of checking a protocol message: the verified value, or the one generic error for the sender together
/// with the reason and a short detail for the audit record and the debug log (never sent back).
/// </summary>
/// <typeparam name="T">The verified value.</typeparam>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "The factories read as MessageCheck<T>.Ok and Refuse at every call site.")]
public sealed class MessageCheck<T>
    where T : class
{
    private MessageCheck(T? value, KavachError? error, MessageRefusal refusal, string? detail)
    {
        Value = value;
        Error = error;
        Refusal = refusal;
        Detail = detail;
    }

    /// <summary>The verified value, or null when refused.</summary>
    public T? Value { get; }

    /// <summary>The generic error for the sender, or null on success.</summary>
    public KavachError? Error { get; }

    /// <summary>Why it was refused (audit and debug log only).</summary>
    public MessageRefusal Refusal { get; }

    /// <summary>A short, secret-free description of the failed check (audit and debug log only).</summary>
    public string? Detail { get; }

    /// <summary>True when the message passed every check.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>A passed check.</summary>
    public static MessageCheck<T> Ok(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value, null, MessageRefusal.None, null);
    }

    /// <summary>A refusal with the generic <paramref name="error"/> and the reason behind it.</summary>
    public static MessageCheck<T> Refuse(KavachError error, MessageRefusal refusal, string detail)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (refusal == MessageRefusal.None)
        {
            throw new ArgumentOutOfRangeException(nameof(refusal), "A refusal needs a reason.");
        }

        return new(null, error, refusal, detail);
    }

    /// <summary>The same refusal carried over to another value type.</summary>
    public MessageCheck<TOther> Forward<TOther>()
        where TOther : class =>
        IsSuccess
            ? throw new InvalidOperationException("Only a refusal can be forwarded.")
            : MessageCheck<TOther>.Refuse(Error, Refusal, Detail ?? string.Empty);

    /// <summary>The same outcome answered with another generic error (e.g. the client side's <see cref="DeviceMessageErrors.ResponseRefused"/>).</summary>
    public MessageCheck<T> WithError(KavachError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return IsSuccess ? this : new(null, error, Refusal, Detail);
    }
}
