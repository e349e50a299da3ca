namespace Kavach.PartnerChannel.HttpSignatures;

/// <summary>An RFC 8941 item: a bare value (as in <see cref="SfParameter"/>) and its parameters, in order.</summary>
internal sealed record SfItem(object Value, IReadOnlyList<SfParameter> Parameters)
{
    /// <summary>The parameter named <paramref name="name"/>, or null.</summary>
    public object? Parameter(string name)
    {
        foreach (SfParameter parameter in Parameters)
        {
            if (parameter.Name == name)
            {
                return parameter.Value;
            }
        }

        return null;
    }
}
