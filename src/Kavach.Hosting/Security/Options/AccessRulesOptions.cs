namespace Kavach.Hosting.Security.Options;

/// <summary>
/// Overrides of the role table (<c>Kavach:Security:Authorization</c>). A rule's value is a comma-separated list of
/// roles and <c>@SET</c> references; <c>*</c> means any authenticated caller; an empty value refuses everyone.
/// </summary>
public sealed class AccessRulesOptions
{
    /// <summary>Named role sets (<c>R1</c>, <c>R2</c>, <c>PMS4</c>, <c>KEY_ADMIN</c>, ...), replacing the defaults of the same name.</summary>
    public Dictionary<string, string> RoleSets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Rules by name (e.g. <c>postdecrypt</c>), replacing the defaults of the same name.</summary>
    public Dictionary<string, string> Rules { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
