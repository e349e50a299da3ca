using System.Diagnostics.CodeAnalysis;

namespace Kavach.PartnerChannel.HttpSignatures;

/// <summary>
/// A strict RFC 8941 dictionary parser for the fields the partner channel reads (<c>Signature-Input</c>,
/// <c>Signature</c>, <c>Content-Digest</c>). Stricter than the RFC where ambiguity would help an attacker: a duplicate
/// dictionary key or parameter name is refused instead of "last one wins", and decimals (which none of these fields
/// use) are refused.
/// </summary>
internal static class StructuredFieldParser
{
    // RFC 8941 §3.3.1: at most 15 digits.
    private const int MaxIntegerDigits = 15;

    /// <summary>Parses a whole field value as a dictionary; false for anything malformed.</summary>
    public static bool TryParseDictionary(string? text, [NotNullWhen(true)] out IReadOnlyList<SfMember>? dictionary)
    {
        dictionary = null;
        if (text is null)
        {
            return false;
        }

        var members = new List<SfMember>();
        int i = 0;
        SkipSpaces(text, ref i);
        if (i == text.Length)
        {
            return false;
        }

        while (i < text.Length)
        {
            if (!TryParseKey(text, ref i, out string? key) || Contains(members, key))
            {
                return false;
            }

            SfMember member;
            if (i < text.Length && text[i] == '=')
            {
                i++;
                if (i < text.Length && text[i] == '(')
                {
                    if (!TryParseInnerList(text, ref i, out IReadOnlyList<SfItem>? list, out IReadOnlyList<SfParameter>? listParameters))
                    {
                        return false;
                    }

                    member = new SfMember(key, list, null, listParameters);
                }
                else
                {
                    if (!TryParseBareItem(text, ref i, out object? value) || !TryParseParameters(text, ref i, out IReadOnlyList<SfParameter>? itemParameters))
                    {
                        return false;
                    }

                    member = new SfMember(key, null, value, itemParameters);
                }
            }
            else
            {
                if (!TryParseParameters(text, ref i, out IReadOnlyList<SfParameter>? flagParameters))
                {
                    return false;
                }

                member = new SfMember(key, null, true, flagParameters);
            }

            members.Add(member);
            SkipOws(text, ref i);
            if (i == text.Length)
            {
                break;
            }

            if (text[i] != ',')
            {
                return false;
            }

            i++;
            SkipOws(text, ref i);
            if (i == text.Length)
            {
                return false;
            }
        }

        dictionary = members;
        return true;
    }

    /// <summary>The member named <paramref name="key"/>, or null.</summary>
    public static SfMember? Find(IReadOnlyList<SfMember> dictionary, string key)
    {
        foreach (SfMember member in dictionary)
        {
            if (member.Key == key)
            {
                return member;
            }
        }

        return null;
    }

    private static bool Contains(List<SfMember> members, string key) => members.Exists(m => m.Key == key);

    private static bool TryParseInnerList(string text, ref int i, [NotNullWhen(true)] out IReadOnlyList<SfItem>? items, [NotNullWhen(true)] out IReadOnlyList<SfParameter>? parameters)
    {
        items = null;
        parameters = null;
        var list = new List<SfItem>();
        i++; // '('
        while (i < text.Length)
        {
            SkipSpaces(text, ref i);
            if (i < text.Length && text[i] == ')')
            {
                i++;
                if (!TryParseParameters(text, ref i, out parameters))
                {
                    return false;
                }

                items = list;
                return true;
            }

            if (!TryParseBareItem(text, ref i, out object? value) || !TryParseParameters(text, ref i, out IReadOnlyList<SfParameter>? itemParameters))
            {
                return false;
            }

            list.Add(new SfItem(value, itemParameters));
            if (i >= text.Length || (text[i] != ' ' && text[i] != ')'))
            {
                return false;
            }
        }

        return false;
    }

    private static bool TryParseParameters(string text, ref int i, [NotNullWhen(true)] out IReadOnlyList<SfParameter>? parameters)
    {
        parameters = null;
        List<SfParameter>? list = null;
        while (i < text.Length && text[i] == ';')
        {
            i++;
            SkipSpaces(text, ref i);
            if (!TryParseKey(text, ref i, out string? name))
            {
                return false;
            }

            object value = true;
            if (i < text.Length && text[i] == '=')
            {
                i++;
                if (!TryParseBareItem(text, ref i, out object? parsed))
                {
                    return false;
                }

                value = parsed;
            }

            list ??= [];
            if (list.Exists(p => p.Name == name))
            {
                return false;
            }

            list.Add(new SfParameter(name, value));
        }

        parameters = list ?? (IReadOnlyList<SfParameter>)[];
        return true;
    }

    private static bool TryParseKey(string text, ref int i, [NotNullWhen(true)] out string? key)
    {
        key = null;
        if (i >= text.Length || !(IsLcAlpha(text[i]) || text[i] == '*'))
        {
            return false;
        }

        int start = i++;
        while (i < text.Length && (IsLcAlpha(text[i]) || char.IsAsciiDigit(text[i]) || text[i] is '_' or '-' or '.' or '*'))
        {
            i++;
        }

        key = text[start..i];
        return true;
    }

    private static bool TryParseBareItem(string text, ref int i, [NotNullWhen(true)] out object? value)
    {
        value = null;
        if (i >= text.Length)
        {
            return false;
        }

        char c = text[i];
        if (c == '-' || char.IsAsciiDigit(c))
        {
            return TryParseInteger(text, ref i, out value);
        }

        if (c == '"')
        {
            return TryParseString(text, ref i, out value);
        }

        if (c == '*' || char.IsAsciiLetter(c))
        {
            int start = i++;
            while (i < text.Length && (IsTChar(text[i]) || text[i] is ':' or '/'))
            {
                i++;
            }

            value = new SfToken(text[start..i]);
            return true;
        }

        if (c == ':')
        {
            return TryParseByteSequence(text, ref i, out value);
        }

        if (c == '?' && i + 1 < text.Length && text[i + 1] is '0' or '1')
        {
            value = text[i + 1] == '1';
            i += 2;
            return true;
        }

        return false;
    }

    private static bool TryParseInteger(string text, ref int i, [NotNullWhen(true)] out object? value)
    {
        value = null;
        bool negative = text[i] == '-';
        if (negative)
        {
            i++;
        }

        int start = i;
        long number = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            if (i - start >= MaxIntegerDigits)
            {
                return false;
            }

            number = (number * 10) + (text[i] - '0');
            i++;
        }

        // No digits, or a decimal (none of our fields has one).
        if (i == start || (i < text.Length && text[i] == '.'))
        {
            return false;
        }

        value = negative ? -number : number;
        return true;
    }

    private static bool TryParseString(string text, ref int i, [NotNullWhen(true)] out object? value)
    {
        value = null;
        i++; // opening quote
        var builder = new System.Text.StringBuilder();
        while (i < text.Length)
        {
            char c = text[i++];
            if (c == '\\')
            {
                if (i >= text.Length || text[i] is not ('"' or '\\'))
                {
                    return false;
                }

                builder.Append(text[i++]);
            }
            else if (c == '"')
            {
                value = builder.ToString();
                return true;
            }
            else if (c < 0x20 || c > 0x7E)
            {
                return false;
            }
            else
            {
                builder.Append(c);
            }
        }

        return false;
    }

    private static bool TryParseByteSequence(string text, ref int i, [NotNullWhen(true)] out object? value)
    {
        value = null;
        int end = text.IndexOf(':', i + 1);
        if (end < 0)
        {
            return false;
        }

        ReadOnlySpan<char> encoded = text.AsSpan(i + 1, end - i - 1);
        foreach (char c in encoded)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return false;
            }
        }

        byte[] buffer = new byte[(encoded.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out int written))
        {
            return false;
        }

        value = buffer.AsSpan(0, written).ToArray();
        i = end + 1;
        return true;
    }

    private static void SkipSpaces(string text, ref int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }
    }

    private static void SkipOws(string text, ref int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }
    }

    private static bool IsLcAlpha(char c) => c is >= 'a' and <= 'z';

    private static bool IsTChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
