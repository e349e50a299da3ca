using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Kavach.Devices.Transparency;

/// <summary>
/// The canonical leaf bytes of a <see cref="TransparencyEntry"/>: compact UTF-8 JSON with the members in one fixed
/// order (<c>v, kind, time, serialNo, ftmCertSha256, certSerial, spkiSha256, reason, previousCertSerial,
/// releaseCounter, releaseSha256</c>), absent values left out, time as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>. A reader
/// accepts only bytes that re-encode to themselves, so one entry has exactly one leaf hash.
/// </summary>
public static class TransparencyEntryCodec
{
    /// <summary>The leaf format version.</summary>
    public const int Version = 1;

    /// <summary>The largest leaf the log accepts.</summary>
    public const int MaxLeafBytes = 4096;

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static readonly string[] Members =
        ["v", "kind", "time", "serialNo", "ftmCertSha256", "certSerial", "spkiSha256", "reason", "previousCertSerial", "releaseCounter", "releaseSha256"];

    /// <summary>The wire name of a kind (<c>certificate-issued</c>, …).</summary>
    public static string KindName(TransparencyEventKind kind) => kind switch
    {
        TransparencyEventKind.CertificateIssued => "certificate-issued",
        TransparencyEventKind.CertificateRotated => "certificate-rotated",
        TransparencyEventKind.CertificateRevoked => "certificate-revoked",
        TransparencyEventKind.DeviceDeregistered => "device-deregistered",
        TransparencyEventKind.ReleasePublished => "release-published",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The canonical bytes of <paramref name="entry"/>.</summary>
    /// <exception cref="ArgumentException">A field is malformed (see <see cref="Validate"/>).</exception>
    public static byte[] Encode(TransparencyEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Validate(entry) is { } problem)
        {
            throw new ArgumentException(problem, nameof(entry));
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", Version);
            writer.WriteString("kind", KindName(entry.Kind));
            writer.WriteString("time", entry.Time.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture));
            WriteOptional(writer, "serialNo", entry.SerialNo);
            WriteOptional(writer, "ftmCertSha256", entry.FtmCertSha256);
            WriteOptional(writer, "certSerial", entry.CertSerial);
            WriteOptional(writer, "spkiSha256", entry.SpkiSha256);
            WriteOptional(writer, "reason", entry.Reason);
            WriteOptional(writer, "previousCertSerial", entry.PreviousCertSerial);
            if (entry.ReleaseCounter is { } counter)
            {
                writer.WriteNumber("releaseCounter", counter);
            }

            WriteOptional(writer, "releaseSha256", entry.ReleaseSha256);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads canonical leaf bytes; false for anything else (unknown or repeated members, wrong types, non-canonical form).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> leaf, [NotNullWhen(true)] out TransparencyEntry? entry)
    {
        entry = null;
        if (leaf.IsEmpty || leaf.Length > MaxLeafBytes)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(leaf, new JsonReaderOptions { MaxDepth = 2 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var member in root.EnumerateObject())
            {
                if (Array.IndexOf(Members, member.Name) < 0 || !values.TryAdd(member.Name, member.Value))
                {
                    return false;
                }
            }

            if (!values.TryGetValue("v", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version != Version
                || !values.TryGetValue("kind", out var kindValue) || ParseKind(kindValue) is not { } kind
                || !values.TryGetValue("time", out var timeValue) || timeValue.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParseExact(timeValue.GetString(), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                return false;
            }

            long? counter = null;
            if (values.TryGetValue("releaseCounter", out var counterValue))
            {
                if (counterValue.ValueKind != JsonValueKind.Number || !counterValue.TryGetInt64(out var parsed))
                {
                    return false;
                }

                counter = parsed;
            }

            if (!TryOptional(values, "serialNo", out var serialNo)
                || !TryOptional(values, "ftmCertSha256", out var ftm)
                || !TryOptional(values, "certSerial", out var certSerial)
                || !TryOptional(values, "spkiSha256", out var spki)
                || !TryOptional(values, "reason", out var reason)
                || !TryOptional(values, "previousCertSerial", out var previous)
                || !TryOptional(values, "releaseSha256", out var releaseSha))
            {
                return false;
            }

            var candidate = new TransparencyEntry(kind, time, serialNo, ftm, certSerial, spki, reason, previous, counter, releaseSha);
            if (Validate(candidate) is not null || !Encode(candidate).AsSpan().SequenceEqual(leaf))
            {
                return false;
            }

            entry = candidate;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Null when <paramref name="entry"/> can be logged; else what is wrong.</summary>
    public static string? Validate(TransparencyEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!Enum.IsDefined(entry.Kind))
        {
            return "Unknown event kind.";
        }

        if (!IsText(entry.SerialNo, 64) || !IsText(entry.Reason, 64) || !IsHex(entry.CertSerial, 2, 64, upper: true) || !IsHex(entry.PreviousCertSerial, 2, 64, upper: true))
        {
            return "Serial, reason or certificate serial malformed.";
        }

        if (!IsHex(entry.FtmCertSha256, 64, 64, upper: false) || !IsHex(entry.SpkiSha256, 64, 64, upper: false) || !IsHex(entry.ReleaseSha256, 64, 64, upper: false))
        {
            return "A SHA-256 value must be 64 lower-case hex characters.";
        }

        if (entry.ReleaseCounter is < 0)
        {
            return "A release counter is not negative.";
        }

        var isRelease = entry.Kind == TransparencyEventKind.ReleasePublished;
        if (isRelease != (entry.ReleaseCounter is not null && entry.ReleaseSha256 is not null) || isRelease == (entry.SerialNo is not null))
        {
            return "A release entry names a release and no device; every other entry names a device.";
        }

        return null;
    }

    private static TransparencyEventKind? ParseKind(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var name = value.GetString();
        foreach (var kind in Enum.GetValues<TransparencyEventKind>())
        {
            if (KindName(kind) == name)
            {
                return kind;
            }
        }

        return null;
    }

    private static bool TryOptional(Dictionary<string, JsonElement> values, string name, out string? value)
    {
        value = null;
        if (!values.TryGetValue(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString();
        return true;
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    // Printable ASCII only: the leaf stays byte-identical whatever JSON encoder re-reads it.
    private static bool IsText(string? value, int max) =>
        value is null || (value.Length is > 0 && value.Length <= max && value.All(c => c is > ' ' and < '\u007f' and not '"' and not '\\' and not '<' and not '>' and not '&' and not '\'' and not '+' and not '`'));

    private static bool IsHex(string? value, int min, int max, bool upper) =>
        value is null || (value.Length >= min && value.Length <= max && value.All(c => char.IsAsciiDigit(c) || (upper ? c is >= 'A' and <= 'F' : c is >= 'a' and <= 'f')));
}
