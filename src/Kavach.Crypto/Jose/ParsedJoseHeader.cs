using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using Kavach.Crypto.Encodings;
using Kavach.Crypto.Internal;

namespace Kavach.Crypto.Jose;

/// <summary>A decoded JOSE header: typed access to the registered members used here, raw access to the rest.</summary>
/// <remarks>
/// Parsing is strict so that a header means one thing to every reader: the bytes must be valid UTF-8
/// holding exactly one JSON object, member names must be unique (after unescaping, at every depth),
/// and the registered members must have their RFC 7515/7516/7797 types (strings, a non-empty string
/// array for <c>x5c</c>, a non-empty array of distinct strings for <c>crit</c>, a boolean for <c>b64</c>).
/// Whether <c>crit</c> lists only understood extensions is decided by JWS verification and JWE
/// decryption, not here.
/// </remarks>
public sealed class ParsedJoseHeader
{
    private const int MaxDepth = 16;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = MaxDepth,
    };

    private static readonly string[] StringMembers = ["alg", "enc", "zip", "kid", "typ", "cty", "x5u", "x5t", "x5t#S256", "jku"];

    private readonly Dictionary<string, JsonElement> _members;

    private ParsedJoseHeader(Dictionary<string, JsonElement> members, IReadOnlyList<string> names)
    {
        _members = members;
        MemberNames = names;
        Alg = StringOrNull("alg");
        Enc = StringOrNull("enc");
        Zip = StringOrNull("zip");
        Kid = StringOrNull("kid");
        Typ = StringOrNull("typ");
        Cty = StringOrNull("cty");
        X5u = StringOrNull("x5u");
        Jku = StringOrNull("jku");
        X5tS256 = StringOrNull("x5t#S256");
        X5c = StringsOrNull("x5c");
        Crit = StringsOrNull("crit");
        B64 = !_members.TryGetValue("b64", out JsonElement b64) || b64.GetBoolean();
    }

    /// <summary>Member names in the order they appear in the JSON.</summary>
    public IReadOnlyList<string> MemberNames { get; }

    /// <summary><c>alg</c>, or null when absent.</summary>
    public string? Alg { get; }

    /// <summary><c>enc</c> (JWE content encryption), or null when absent.</summary>
    public string? Enc { get; }

    /// <summary><c>zip</c> (JWE compression, <c>DEF</c>), or null when absent.</summary>
    public string? Zip { get; }

    /// <summary><c>kid</c>, or null when absent.</summary>
    public string? Kid { get; }

    /// <summary><c>typ</c>, or null when absent.</summary>
    public string? Typ { get; }

    /// <summary><c>cty</c>, or null when absent.</summary>
    public string? Cty { get; }

    /// <summary><c>x5u</c>, or null when absent.</summary>
    public string? X5u { get; }

    /// <summary><c>jku</c>, or null when absent.</summary>
    public string? Jku { get; }

    /// <summary><c>x5t#S256</c> (base64url SHA-256 of the certificate DER), or null when absent.</summary>
    public string? X5tS256 { get; }

    /// <summary><c>x5c</c> as sent, leaf first (see <see cref="TryDecodeX5c"/>); null when absent.</summary>
    public IReadOnlyList<string>? X5c { get; }

    /// <summary><c>crit</c>, or null when absent.</summary>
    public IReadOnlyList<string>? Crit { get; }

    /// <summary>The RFC 7797 <c>b64</c> member; true when absent (the payload is base64url-encoded).</summary>
    public bool B64 { get; }

    /// <summary>True when the header has a member of that name (ordinal comparison).</summary>
    public bool Contains(string name) => _members.ContainsKey(name);

    /// <summary>The raw JSON value of any member. The element stays valid after the header is discarded.</summary>
    public bool TryGetMember(string name, out JsonElement value) => _members.TryGetValue(name, out value);

    /// <summary>The value of a member that is a JSON string; false when absent or not a string.</summary>
    public bool TryGetString(string name, [NotNullWhen(true)] out string? value)
    {
        value = _members.TryGetValue(name, out JsonElement element) && element.ValueKind == JsonValueKind.String
            ? element.GetString()
            : null;
        return value is not null;
    }

    /// <summary>
    /// Decodes every <c>x5c</c> entry to a DER certificate, as leniently as MOSIP (<see cref="X5cEntry"/>).
    /// False when <c>x5c</c> is absent or any entry is not base64 of a DER or PEM certificate.
    /// </summary>
    public bool TryDecodeX5c([NotNullWhen(true)] out IReadOnlyList<byte[]>? certificates)
    {
        certificates = null;
        if (X5c is null)
        {
            return false;
        }

        var decoded = new List<byte[]>(X5c.Count);
        foreach (string entry in X5c)
        {
            if (!X5cEntry.TryDecode(entry, out byte[] der))
            {
                return false;
            }

            decoded.Add(der);
        }

        certificates = decoded;
        return true;
    }

    internal static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out ParsedJoseHeader? header)
    {
        header = null;

        // JsonDocument defers UTF-8 validation of strings until they are read, so check the whole input first.
        if (json.IsEmpty || !Utf8.IsValid(json))
        {
            return false;
        }

        JsonElement root;
        try
        {
            using JsonDocument document = JsonDocument.Parse(json.ToArray(), DocumentOptions);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // The duplicate-name check unescapes names: an escaped lone surrogate ("\uDC00") throws there.
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object || !JsonStrings.AreReadable(root))
        {
            return false;
        }

        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (JsonProperty property in root.EnumerateObject())
        {
            // Duplicates were refused by the parser; this keeps the guarantee if that option ever changes.
            if (!members.TryAdd(property.Name, property.Value))
            {
                return false;
            }

            names.Add(property.Name);
        }

        if (!HasRegisteredTypes(members))
        {
            return false;
        }

        header = new ParsedJoseHeader(members, names);
        return true;
    }

    private static bool HasRegisteredTypes(Dictionary<string, JsonElement> members)
    {
        foreach (string name in StringMembers)
        {
            if (members.TryGetValue(name, out JsonElement value) && value.ValueKind != JsonValueKind.String)
            {
                return false;
            }
        }

        if (members.TryGetValue("b64", out JsonElement b64) && b64.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return false;
        }

        if (members.TryGetValue("x5c", out JsonElement x5c) && !IsNonEmptyStringArray(x5c, requireDistinct: false))
        {
            return false;
        }

        return !members.TryGetValue("crit", out JsonElement crit) || IsNonEmptyStringArray(crit, requireDistinct: true);
    }

    private static bool IsNonEmptyStringArray(JsonElement element, bool requireDistinct)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonElement item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || (!seen.Add(item.GetString()!) && requireDistinct))
            {
                return false;
            }
        }

        return true;
    }

    private string? StringOrNull(string name) =>
        _members.TryGetValue(name, out JsonElement value) ? value.GetString() : null;

    private string[]? StringsOrNull(string name) =>
        _members.TryGetValue(name, out JsonElement value)
            ? [.. value.EnumerateArray().Select(e => e.GetString()!)]
            : null;
}
