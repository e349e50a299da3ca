using System.Text.Json;

namespace Kavach.PartnerChannel.Mosip;

/// <summary>
/// What the SDK checks in an IDA-style response body beyond its signature: <c>responseTime</c> within the window and
/// <c>transactionID</c> equal to the request's (when the request had one).
/// </summary>
internal static class MosipResponseCheck
{
    /// <summary>Null when the body passes, else the reason.</summary>
    public static string? Check(ReadOnlyMemory<byte> body, string? requestTransactionId, DateTimeOffset now, TimeSpan window)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return "response body is not JSON";
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "response body is not a JSON object";
            }

            JsonElement root = document.RootElement;
            // IDA writes responseTime; MOSIP's kernel envelope (the key manager's own API) writes responsetime.
            string? responseTime = StringMember(root, "responseTime") ?? StringMember(root, "responsetime");
            if (!MosipTime.TryParse(responseTime, out DateTimeOffset at))
            {
                return "response has no responseTime";
            }

            if (at < now - window || at > now + window)
            {
                return "responseTime outside the window";
            }

            if (requestTransactionId is not null)
            {
                string? transactionId = root.TryGetProperty(MosipRequestBody.TransactionIdMember, out JsonElement id) && id.ValueKind == JsonValueKind.String
                    ? id.GetString()
                    : null;
                if (transactionId != requestTransactionId)
                {
                    return "response transactionID differs from the request's";
                }
            }

            return null;
        }
    }

    private static string? StringMember(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
