namespace Kavach.Server.OpenApi;

/// <summary>
/// The closed set of values a string field or parameter takes, published as the schema's <c>enum</c>. Documentation
/// only: the endpoint still checks its input (MOSIP compares most of these without regard to case) and answers with
/// its own error code.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false)]
internal sealed class ApiValuesAttribute : Attribute
{
    /// <summary>The values as written.</summary>
    public ApiValuesAttribute(params string[] values) => Values = values;

    /// <summary>The names of an enum whose names are the wire values.</summary>
    public ApiValuesAttribute(Type enumType) => Values = Enum.GetNames(enumType);

    /// <summary>The values.</summary>
    public IReadOnlyList<string> Values { get; }
}
