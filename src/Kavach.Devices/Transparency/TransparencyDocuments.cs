using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kavach.Crypto;

namespace Kavach.Devices.Transparency;

/// <summary>
/// The JSON documents of <c>GET /transparency/sth</c>, <c>/transparency/proof/inclusion</c> and
/// <c>/transparency/proof/consistency</c>, written by the server and read (strictly: unknown members refused) by the
/// CLI and auditors. Hashes are lower-case hex, signatures base64url, times ISO-8601 UTC with milliseconds.
/// </summary>
public static class TransparencyDocuments
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The tree head document.</summary>
    public static string Write(SignedTreeHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return JsonSerializer.Serialize(
            new TreeHeadDocument(head.TreeSize, Convert.ToHexStringLower(head.RootHash), head.Timestamp.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture), head.KeyId, Base64Url.Encode(head.Signature)),
            TransparencyJsonContext.Default.TreeHeadDocument);
    }

    /// <summary>The inclusion proof document, with the leaf's canonical bytes (base64url) so a verifier can read and hash it.</summary>
    public static string Write(InclusionProof proof, ReadOnlySpan<byte> leaf)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return JsonSerializer.Serialize(
            new InclusionDocument(proof.LeafIndex, proof.TreeSize, Convert.ToHexStringLower(proof.LeafHash), Base64Url.Encode(leaf), [.. proof.AuditPath.Select(Convert.ToHexStringLower)]),
            TransparencyJsonContext.Default.InclusionDocument);
    }

    /// <summary>The consistency proof document.</summary>
    public static string Write(ConsistencyProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return JsonSerializer.Serialize(
            new ConsistencyDocument(proof.First, proof.Second, [.. proof.Path.Select(Convert.ToHexStringLower)]),
            TransparencyJsonContext.Default.ConsistencyDocument);
    }

    /// <summary>Reads a tree head document; false when it is malformed.</summary>
    public static bool TryReadTreeHead(string? json, [NotNullWhen(true)] out SignedTreeHead? head)
    {
        head = null;
        if (Read(json, TransparencyJsonContext.Default.TreeHeadDocument) is not { } document
            || !TryHash(document.RootHash, out var root)
            || !DateTimeOffset.TryParseExact(document.Timestamp, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp)
            || document.KeyId is not { Length: 64 }
            || !Base64Url.TryDecodeUrlSafe(document.Signature, out var signature))
        {
            return false;
        }

        head = new SignedTreeHead(document.TreeSize, root, timestamp, document.KeyId, signature);
        return true;
    }

    /// <summary>Reads an inclusion proof document and its leaf bytes; false when it is malformed.</summary>
    public static bool TryReadInclusion(string? json, [NotNullWhen(true)] out InclusionProof? proof, [NotNullWhen(true)] out byte[]? leaf)
    {
        proof = null;
        leaf = null;
        if (Read(json, TransparencyJsonContext.Default.InclusionDocument) is not { } document
            || !TryHash(document.LeafHash, out var leafHash)
            || !Base64Url.TryDecodeUrlSafe(document.Leaf, out var leafBytes)
            || !TryHashes(document.AuditPath, out var path))
        {
            return false;
        }

        proof = new InclusionProof(document.LeafIndex, document.TreeSize, leafHash, path);
        leaf = leafBytes;
        return true;
    }

    /// <summary>Reads a consistency proof document; false when it is malformed.</summary>
    public static bool TryReadConsistency(string? json, [NotNullWhen(true)] out ConsistencyProof? proof)
    {
        proof = null;
        if (Read(json, TransparencyJsonContext.Default.ConsistencyDocument) is not { } document || !TryHashes(document.Path, out var path))
        {
            return false;
        }

        proof = new ConsistencyProof(document.First, document.Second, path);
        return true;
    }

    private static T? Read<T>(string? json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (string.IsNullOrEmpty(json) || json.Length > 1_000_000)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryHash(string? hex, out byte[] hash)
    {
        hash = [];
        if (hex is not { Length: MerkleHashes.Size * 2 } || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        hash = Convert.FromHexString(hex);
        return true;
    }

    private static bool TryHashes(IReadOnlyList<string>? hexes, out IReadOnlyList<byte[]> hashes)
    {
        hashes = [];
        if (hexes is null || hexes.Count > 64)
        {
            return false;
        }

        var list = new List<byte[]>(hexes.Count);
        foreach (var hex in hexes)
        {
            if (!TryHash(hex, out var hash))
            {
                return false;
            }

            list.Add(hash);
        }

        hashes = list;
        return true;
    }
}
