using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Kavach.Devices.Updates.Verification;

/// <summary>
/// Reads and writes the <c>signed</c> part of the three update documents with exact member sets (unknown or missing
/// members are malformed), so the signer and every device read one document the same way.
/// </summary>
public static class UpdateDocumentCodec
{
    /// <summary>Most keys per role in a trust document.</summary>
    public const int MaxKeys = 16;

    /// <summary>Most hardware ids or artifacts in one release.</summary>
    public const int MaxListItems = 64;

    /// <summary>Longest firmware version (MOSIP's SBI <c>swVersion</c> is at most 64 characters).</summary>
    public const int MaxFirmwareVersionLength = 64;

    /// <summary>Largest artifact a manifest may announce (4 GiB).</summary>
    public const long MaxArtifactLength = 4L * 1024 * 1024 * 1024;

    /// <summary>Reads a trust document; false when malformed (including overlapping release and timestamp keys or a threshold above the key count).</summary>
    public static bool TryReadTrust(JsonElement signed, [NotNullWhen(true)] out TrustDocument? trust)
    {
        trust = null;
        if (signed.ValueKind != JsonValueKind.Object
            || !StrictJson.HasExactly(signed, "version", "expires", "releaseKeys", "timestampKeys", "threshold")
            || !StrictJson.TryLong(signed, "version", 1, out var version)
            || !StrictJson.TryTime(signed, "expires", out var expires)
            || !StrictJson.TryStrings(signed, "releaseKeys", MaxKeys, 4096, out var releaseKeys)
            || !StrictJson.TryStrings(signed, "timestampKeys", MaxKeys, 4096, out var timestampKeys)
            || !StrictJson.TryLong(signed, "threshold", 1, out var threshold)
            || threshold > releaseKeys.Count
            || releaseKeys.Intersect(timestampKeys, StringComparer.Ordinal).Any()
            || !releaseKeys.Concat(timestampKeys).All(k => UpdateKeys.TryKeyId(k, out _)))
        {
            return false;
        }

        trust = new TrustDocument(version, expires, releaseKeys, timestampKeys, (int)threshold);
        return true;
    }

    /// <summary>Reads a release manifest; false when malformed.</summary>
    public static bool TryReadRelease(JsonElement signed, [NotNullWhen(true)] out ReleaseManifest? release)
    {
        release = null;
        if (signed.ValueKind != JsonValueKind.Object
            || !StrictJson.HasExactly(signed, "releaseCounter", "firmwareVersion", "hardwareIds", "certification", "minReleaseCounter", "artifacts", "expires")
            || !StrictJson.TryLong(signed, "releaseCounter", 1, out var counter)
            || !StrictJson.TryString(signed, "firmwareVersion", MaxFirmwareVersionLength, out var firmware)
            || !StrictJson.TryStrings(signed, "hardwareIds", MaxListItems, 73, out var hardwareIds)
            || !hardwareIds.All(IsHardwareId)
            || !StrictJson.TryString(signed, "certification", 2, out var certification)
            || certification is not ("L0" or "L1")
            || !StrictJson.TryLong(signed, "minReleaseCounter", 0, out var minimum)
            || minimum >= counter
            || !StrictJson.TryTime(signed, "expires", out var expires)
            || !TryReadArtifacts(signed.GetProperty("artifacts"), out var artifacts))
        {
            return false;
        }

        release = new ReleaseManifest(counter, firmware, hardwareIds, certification, minimum, artifacts, expires);
        return true;
    }

    /// <summary>Reads a timestamp document; false when malformed.</summary>
    public static bool TryReadTimestamp(JsonElement signed, [NotNullWhen(true)] out TimestampDocument? timestamp)
    {
        timestamp = null;
        if (signed.ValueKind != JsonValueKind.Object
            || !StrictJson.HasExactly(signed, "releaseCounter", "releaseSha256", "expires")
            || !StrictJson.TryLong(signed, "releaseCounter", 1, out var counter)
            || !StrictJson.TryString(signed, "releaseSha256", 64, out var sha256)
            || !StrictJson.IsSha256Hex(sha256)
            || !StrictJson.TryTime(signed, "expires", out var expires))
        {
            return false;
        }

        timestamp = new TimestampDocument(counter, sha256, expires);
        return true;
    }

    /// <summary>The JSON of a trust document's <c>signed</c> part.</summary>
    public static byte[] Write(TrustDocument trust)
    {
        ArgumentNullException.ThrowIfNull(trust);
        return Serialize(writer =>
        {
            writer.WriteNumber("version", trust.Version);
            writer.WriteString("expires", StrictJson.FormatTime(trust.Expires));
            WriteStrings(writer, "releaseKeys", trust.ReleaseKeys);
            WriteStrings(writer, "timestampKeys", trust.TimestampKeys);
            writer.WriteNumber("threshold", trust.Threshold);
        });
    }

    /// <summary>The JSON of a release manifest's <c>signed</c> part.</summary>
    public static byte[] Write(ReleaseManifest release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return Serialize(writer =>
        {
            writer.WriteNumber("releaseCounter", release.ReleaseCounter);
            writer.WriteString("firmwareVersion", release.FirmwareVersion);
            WriteStrings(writer, "hardwareIds", release.HardwareIds);
            writer.WriteString("certification", release.Certification);
            writer.WriteNumber("minReleaseCounter", release.MinReleaseCounter);
            writer.WriteStartArray("artifacts");
            foreach (var artifact in release.Artifacts)
            {
                writer.WriteStartObject();
                writer.WriteString("name", artifact.Name);
                writer.WriteNumber("length", artifact.Length);
                writer.WriteString("sha256", artifact.Sha256);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("expires", StrictJson.FormatTime(release.Expires));
        });
    }

    /// <summary>The JSON of a timestamp document's <c>signed</c> part.</summary>
    public static byte[] Write(TimestampDocument timestamp)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        return Serialize(writer =>
        {
            writer.WriteNumber("releaseCounter", timestamp.ReleaseCounter);
            writer.WriteString("releaseSha256", timestamp.ReleaseSha256);
            writer.WriteString("expires", StrictJson.FormatTime(timestamp.Expires));
        });
    }

    /// <summary>True for <c>make/model</c>: two non-empty parts of at most 36 characters (MOSIP's limit), one slash.</summary>
    public static bool IsHardwareId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash is > 0 and <= 36
            && value.Length - slash - 1 is > 0 and <= 36
            && value.IndexOf('/', slash + 1) < 0;
    }

    private static bool TryReadArtifacts(JsonElement array, [NotNullWhen(true)] out IReadOnlyList<ReleaseArtifact>? artifacts)
    {
        artifacts = null;
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() is 0 || array.GetArrayLength() > MaxListItems)
        {
            return false;
        }

        var list = new List<ReleaseArtifact>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !StrictJson.HasExactly(item, "name", "length", "sha256")
                || !StrictJson.TryString(item, "name", 128, out var name)
                || !IsPlainFileName(name)
                || !names.Add(name)
                || !StrictJson.TryLong(item, "length", 1, out var length)
                || length > MaxArtifactLength
                || !StrictJson.TryString(item, "sha256", 64, out var sha256)
                || !StrictJson.IsSha256Hex(sha256))
            {
                return false;
            }

            list.Add(new ReleaseArtifact(name, length, sha256));
        }

        artifacts = list;
        return true;
    }

    /// <summary>True for a name a device may use as a file name: 1–128 of letters, digits, '.', '-', '_', not starting with '.' (no paths, no hidden or relative names).</summary>
    public static bool IsPlainFileName(string name) =>
        name is { Length: > 0 and <= 128 } && name[0] != '.' && name.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '-' or '_');

    private static byte[] Serialize(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
