using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kavach.Crypto.Jose;

/// <summary>A JOSE header being built; it serializes its members in exactly the order they were added.</summary>
/// <remarks>
/// Member order is part of MOSIP's wire format (the encoded header is what gets signed and is the JWE
/// AAD), so this writes members in insertion order and never sorts or merges them. Values are written
/// with the relaxed encoder: Java's JOSE libraries write '+', '/', '&lt;' and non-ASCII literally, and
/// the default encoder's <c>\u002B</c> forms would make our headers differ from MOSIP's byte for byte.
/// A JOSE header is never embedded in HTML, so the HTML-safety the default encoder buys is irrelevant.
/// </remarks>
public sealed class JoseHeader
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    // Values are string, bool or string[]; a list of pairs keeps the order a dictionary would not promise.
    private readonly List<KeyValuePair<string, object>> _members = [];

    /// <summary>The member names in insertion order.</summary>
    public IReadOnlyList<string> Names => _members.ConvertAll(m => m.Key);

    /// <summary>Appends a string member, e.g. <c>alg</c>, <c>kid</c>, <c>x5t#S256</c>.</summary>
    /// <exception cref="ArgumentException">The name is empty or already present.</exception>
    public JoseHeader Add(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Append(name, value);
    }

    /// <summary>Appends a boolean member, e.g. <c>"b64":false</c>.</summary>
    /// <exception cref="ArgumentException">The name is empty or already present.</exception>
    public JoseHeader Add(string name, bool value) => Append(name, value);

    /// <summary>Appends a string-array member, e.g. <c>x5c</c> or <c>crit</c>; the values are copied.</summary>
    /// <exception cref="ArgumentException">The name is empty or already present, or a value is null.</exception>
    public JoseHeader Add(string name, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        string[] copy = [.. values];
        if (Array.Exists(copy, v => v is null))
        {
            throw new ArgumentException("Array members must not contain null.", nameof(values));
        }

        return Append(name, copy);
    }

    /// <summary>True when a member of that name (ordinal comparison) has been added.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The compact UTF-8 JSON object, members in insertion order.</summary>
    public byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (KeyValuePair<string, object> member in _members)
            {
                switch (member.Value)
                {
                    case string text:
                        writer.WriteString(member.Key, text);
                        break;
                    case bool flag:
                        writer.WriteBoolean(member.Key, flag);
                        break;
                    case string[] values:
                        writer.WriteStartArray(member.Key);
                        foreach (string value in values)
                        {
                            writer.WriteStringValue(value);
                        }

                        writer.WriteEndArray();
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Parses a header. False for anything but one UTF-8 JSON object with unique member names whose
    /// registered members have the right JSON types (see <see cref="ParsedJoseHeader"/>).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out ParsedJoseHeader? header) =>
        ParsedJoseHeader.TryParse(json, out header);

    internal string? GetString(string name)
    {
        int index = IndexOf(name);
        return index >= 0 ? _members[index].Value as string : null;
    }

    internal bool? GetBoolean(string name)
    {
        int index = IndexOf(name);
        return index >= 0 && _members[index].Value is bool flag ? flag : null;
    }

    internal IReadOnlyList<string>? GetStrings(string name)
    {
        int index = IndexOf(name);
        return index >= 0 ? _members[index].Value as string[] : null;
    }

    private JoseHeader Append(string name, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Contains(name))
        {
            throw new ArgumentException($"The header already has a member named '{name}'.", nameof(name));
        }

        _members.Add(new KeyValuePair<string, object>(name, value));
        return this;
    }

    private int IndexOf(string name) => _members.FindIndex(m => string.Equals(m.Key, name, StringComparison.Ordinal));
}
