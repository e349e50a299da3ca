using System.Globalization;
using System.Text;

namespace Kavach.PartnerChannel.HttpSignatures;

/// <summary>RFC 8941 serialization of the values the partner channel writes and signs.</summary>
internal static class StructuredFieldSerializer
{
    /// <summary>An inner list with its parameters: <c>("a" "b";req);created=1</c>.</summary>
    public static string InnerList(IReadOnlyList<SfItem> items, IReadOnlyList<SfParameter> parameters)
    {
        var builder = new StringBuilder(256);
        builder.Append('(');
        for (int index = 0; index < items.Count; index++)
        {
            if (index > 0)
            {
                builder.Append(' ');
            }

            Item(builder, items[index]);
        }

        builder.Append(')');
        Parameters(builder, parameters);
        return builder.ToString();
    }

    /// <summary>An item with its parameters: <c>"signature";req;key="sig1"</c>.</summary>
    public static string Item(SfItem item)
    {
        var builder = new StringBuilder(64);
        Item(builder, item);
        return builder.ToString();
    }

    /// <summary>A dictionary member's value (without its key): an item or an inner list, with parameters.</summary>
    public static string MemberValue(SfMember member) =>
        member.InnerList is not null
            ? InnerList(member.InnerList, member.Parameters)
            : Item(new SfItem(member.Value!, member.Parameters));

    /// <summary>A byte sequence: <c>:base64:</c>.</summary>
    public static string ByteSequence(ReadOnlySpan<byte> bytes) => string.Concat(":", Convert.ToBase64String(bytes), ":");

    private static void Item(StringBuilder builder, SfItem item)
    {
        BareItem(builder, item.Value);
        Parameters(builder, item.Parameters);
    }

    private static void Parameters(StringBuilder builder, IReadOnlyList<SfParameter> parameters)
    {
        foreach (SfParameter parameter in parameters)
        {
            builder.Append(';').Append(parameter.Name);
            if (parameter.Value is not true)
            {
                builder.Append('=');
                BareItem(builder, parameter.Value);
            }
        }
    }

    private static void BareItem(StringBuilder builder, object value)
    {
        switch (value)
        {
            case long number:
                builder.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case string text:
                builder.Append('"');
                foreach (char c in text)
                {
                    if (c is '"' or '\\')
                    {
                        builder.Append('\\');
                    }

                    builder.Append(c);
                }

                builder.Append('"');
                break;
            case SfToken token:
                builder.Append(token.Value);
                break;
            case byte[] bytes:
                builder.Append(':').Append(Convert.ToBase64String(bytes)).Append(':');
                break;
            case bool flag:
                builder.Append(flag ? "?1" : "?0");
                break;
            default:
                throw new ArgumentException("Not an RFC 8941 bare item.", nameof(value));
        }
    }
}
