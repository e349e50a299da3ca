using Kavach.Keys.Errors;

namespace Kavach.Server.Http;

/// <summary>Collects MOSIP bean-validation style errors: <c>KER-KMS-005 "request.&lt;field&gt; should not be null or empty"</c>.</summary>
public sealed class RequestValidator
{
    /// <summary>MOSIP's validation message suffix.</summary>
    public const string NotBlankMessage = "should not be null or empty";

    /// <summary>The errors found so far.</summary>
    public List<KavachError> Errors { get; } = [];

    /// <summary>True when an error was found.</summary>
    public bool Failed => Errors.Count > 0;

    /// <summary>Requires a non-blank value (whitespace counts as blank).</summary>
    public RequestValidator NotBlank(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Errors.Add(ErrorCodes.InvalidRequest with { Message = $"request.{field} {NotBlankMessage}" });
        }

        return this;
    }

    /// <summary>
    /// A free-text search value: at most <paramref name="maxLength"/> UTF-16 units (the limit is documented per field)
    /// and no U+0000, which no stored value holds and PostgreSQL refuses.
    /// </summary>
    public RequestValidator Filter(string? value, string field, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Errors.Add(ErrorCodes.InvalidRequest with { Message = $"request.{field} is longer than {maxLength} characters" });
        }
        else if (value is not null && value.Contains('\0', StringComparison.Ordinal))
        {
            Errors.Add(ErrorCodes.InvalidRequest with { Message = $"request.{field} holds U+0000" });
        }

        return this;
    }

    /// <summary>Rejects values that are present but blank (optional fields).</summary>
    public RequestValidator NotWhitespaceIfPresent(string? value, string field)
    {
        if (value is not null && value.Length > 0 && string.IsNullOrWhiteSpace(value))
        {
            Errors.Add(ErrorCodes.InvalidRequest with { Message = $"request.{field} {NotBlankMessage}" });
        }

        return this;
    }
}
