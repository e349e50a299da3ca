using System.Text.RegularExpressions;

namespace Kavach.Devices.Repository;

/// <summary>The shapes of repository identifiers (compiled once).</summary>
internal static partial class RepositoryPatterns
{
    /// <summary>Provider, model and batch ids: letters, digits, dot, underscore, dash.</summary>
    [GeneratedRegex("^[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    public static partial Regex Identifier();

    /// <summary>A serial number: letters and digits only, at least 12 (MOSIP MDS).</summary>
    [GeneratedRegex("^[A-Za-z0-9]{12,64}$", RegexOptions.CultureInvariant)]
    public static partial Regex SerialNo();

    /// <summary>A hex SHA-256.</summary>
    [GeneratedRegex("^[0-9A-Fa-f]{64}$", RegexOptions.CultureInvariant)]
    public static partial Regex Sha256Hex();

    /// <summary>An identifier of at most <paramref name="maxLength"/> characters.</summary>
    public static bool IsIdentifier(string? value, int maxLength) =>
        value is { Length: > 0 } && value.Length <= maxLength && Identifier().IsMatch(value);
}
