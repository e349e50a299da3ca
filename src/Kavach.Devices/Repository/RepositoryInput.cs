using Kavach.Keys.Errors;

namespace Kavach.Devices.Repository;

/// <summary>Checks of administrator input shared by the repository services; each failure names its field.</summary>
internal static class RepositoryInput
{
    /// <summary>Longest administrator name kept (the audit column's width).</summary>
    public const int MaxPrincipalLength = 256;

    /// <summary>A non-blank name without control characters, at most <paramref name="maxLength"/> characters, or the error naming <paramref name="field"/>.</summary>
    public static KavachError? Text(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength || value.Any(char.IsControl) || value.Trim().Length != value.Length)
        {
            return DeviceRepositoryErrors.InvalidRequest.Format(field);
        }

        return null;
    }

    /// <summary>The acting administrator's name, checked.</summary>
    public static KavachError? Principal(string? principal) => Text(principal, "principal", MaxPrincipalLength);

    /// <summary>Two administrator names are the same person: compared without case, as identity providers commonly do.</summary>
    public static bool SamePrincipal(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
