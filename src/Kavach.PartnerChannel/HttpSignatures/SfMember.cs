namespace Kavach.PartnerChannel.HttpSignatures;

/// <summary>
/// A member of an RFC 8941 dictionary: either an inner list (<see cref="InnerList"/> set) or an item
/// (<see cref="Value"/> set); <see cref="Parameters"/> belong to the list or the item.
/// </summary>
internal sealed record SfMember(string Key, IReadOnlyList<SfItem>? InnerList, object? Value, IReadOnlyList<SfParameter> Parameters)
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
