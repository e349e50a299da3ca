using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Kavach.Devices.Updates.Verification;

/// <summary>
/// The wire form of every update document: <c>{"signed": {…}, "signatures": ["&lt;header&gt;..&lt;signature&gt;", …]}</c>,
/// each signature a detached compact JWS (RFC 7515 appendix F) over the canonical JSON of <c>signed</c>.
/// </summary>
internal sealed record SignedEnvelope(JsonElement Signed, byte[] Canonical, IReadOnlyList<string> Signatures)
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 20,
    };

    /// <summary>Parses strictly: exactly the two members, a JSON object to sign, an array of signature strings.</summary>
    public static bool TryParse(ReadOnlySpan<byte> document, [NotNullWhen(true)] out SignedEnvelope? envelope)
    {
        envelope = null;
        if (document.IsEmpty || document.Length > UpdateRoles.MaxDocumentBytes || !System.Text.Unicode.Utf8.IsValid(document))
        {
            return false;
        }

        try
        {
            using var parsed = JsonDocument.Parse(document.ToArray(), Options);
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !StrictJson.HasExactly(root, "signed", "signatures"))
            {
                return false;
            }

            var signed = root.GetProperty("signed");
            var signatures = root.GetProperty("signatures");
            if (signed.ValueKind != JsonValueKind.Object || signatures.ValueKind != JsonValueKind.Array
                || signatures.GetArrayLength() > UpdateRoles.MaxSignatures
                || !CanonicalJson.TryWrite(signed, out var canonical))
            {
                return false;
            }

            var list = new List<string>();
            foreach (var item in signatures.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                list.Add(item.GetString()!);
            }

            envelope = new SignedEnvelope(signed.Clone(), canonical, list);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate: valid JSON that no string can hold.
            return false;
        }
    }
}
