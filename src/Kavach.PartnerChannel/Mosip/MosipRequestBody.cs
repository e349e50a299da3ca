using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Kavach.Crypto;
using Kavach.PartnerChannel.Keys;

namespace Kavach.PartnerChannel.Mosip;

/// <summary>
/// The top level of an IDA request body: <c>requestTime</c>, <c>transactionID</c> and, when the request is encrypted
/// at field level, its four members. Parsed once with duplicate member names refused, so the JSON the signature
/// covers means one thing to us and to the protected service.
/// </summary>
internal sealed class MosipRequestBody : IDisposable
{
    public const string RequestTimeMember = "requestTime";
    public const string TransactionIdMember = "transactionID";
    public const string RequestMember = "request";
    public const string SessionKeyMember = "requestSessionKey";
    public const string HmacMember = "requestHMAC";
    public const string ThumbprintMember = "thumbprint";

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    private readonly JsonDocument _document;

    private MosipRequestBody(JsonDocument document) => _document = document;

    public JsonElement Root => _document.RootElement;

    /// <summary>Parses <paramref name="json"/>; false unless it is one JSON object with unique member names.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> json, [NotNullWhen(true)] out MosipRequestBody? body)
    {
        body = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return false;
        }

        body = new MosipRequestBody(document);
        return true;
    }

    /// <summary>The string value of a top-level member, or null when absent or not a string.</summary>
    public string? String(string name) =>
        Root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>True when any of the field-level encryption members is present.</summary>
    public bool IsEncrypted =>
        Root.TryGetProperty(SessionKeyMember, out _) || Root.TryGetProperty(HmacMember, out _) || Root.TryGetProperty(ThumbprintMember, out _);

    /// <summary>The encrypted members, base64url-decoded; false when any is missing, not a string or not base64url.</summary>
    public bool TryGetEncrypted([NotNullWhen(true)] out MosipEncryptedRequest? encrypted)
    {
        encrypted = null;
        if (!Base64Url.TryDecodeUrlSafe(String(SessionKeyMember), out byte[] sessionKey) || sessionKey.Length == 0
            || !Base64Url.TryDecodeUrlSafe(String(RequestMember), out byte[] request) || request.Length == 0
            || !Base64Url.TryDecodeUrlSafe(String(HmacMember), out byte[] hmac) || hmac.Length == 0
            || !Base64Url.TryDecodeUrlSafe(String(ThumbprintMember), out byte[] thumbprint) || thumbprint.Length == 0)
        {
            return false;
        }

        encrypted = new MosipEncryptedRequest(sessionKey, request, hmac, thumbprint);
        return true;
    }

    /// <summary>
    /// The body the protected service receives: <c>request</c> replaced by <paramref name="decryptedRequest"/> (a JSON
    /// value, written as is) and the three other encryption members removed; false when it is not JSON.
    /// </summary>
    public bool TryRewriteDecrypted(ReadOnlySpan<byte> decryptedRequest, [NotNullWhen(true)] out byte[]? rewritten)
    {
        rewritten = null;
        var buffer = new ArrayBufferWriter<byte>(decryptedRequest.Length + 256);
        try
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (JsonProperty property in Root.EnumerateObject())
                {
                    switch (property.Name)
                    {
                        case SessionKeyMember or HmacMember or ThumbprintMember:
                            break;
                        case RequestMember:
                            writer.WritePropertyName(RequestMember);
                            writer.WriteRawValue(decryptedRequest, skipInputValidation: false);
                            break;
                        default:
                            property.WriteTo(writer);
                            break;
                    }
                }

                writer.WriteEndObject();
            }
        }
        catch (JsonException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }

        rewritten = buffer.WrittenSpan.ToArray();
        return true;
    }

    /// <summary>
    /// The body with <c>request</c> (a JSON value) encrypted for <paramref name="recipient"/>: <c>request</c>,
    /// <c>requestSessionKey</c>, <c>requestHMAC</c> and <c>thumbprint</c> as IDA expects.
    /// </summary>
    public byte[] EncryptRequest(System.Security.Cryptography.X509Certificates.X509Certificate2 recipient)
    {
        if (!Root.TryGetProperty(RequestMember, out JsonElement request) || IsEncrypted)
        {
            throw new InvalidOperationException("The mosip profile encrypts a body with a 'request' member and no encryption members yet.");
        }

        byte[] plaintext = System.Text.Encoding.UTF8.GetBytes(request.GetRawText());
        MosipEncryptedRequest encrypted = MosipRequestCrypto.Encrypt(plaintext, recipient);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
        var buffer = new ArrayBufferWriter<byte>(encrypted.EncryptedRequest.Length * 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (JsonProperty property in Root.EnumerateObject())
            {
                if (property.Name == RequestMember)
                {
                    writer.WriteString(SessionKeyMember, Base64Url.Encode(encrypted.EncryptedSessionKey));
                    writer.WriteString(RequestMember, Base64Url.Encode(encrypted.EncryptedRequest));
                    writer.WriteString(HmacMember, Base64Url.Encode(encrypted.EncryptedHmac));
                    writer.WriteString(ThumbprintMember, Base64Url.Encode(encrypted.Thumbprint));
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => _document.Dispose();
}
