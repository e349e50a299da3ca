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
