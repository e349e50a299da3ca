using System.Text.Json;
using Kavach.Keys.Errors;
using Kavach.PartnerChannel.Mosip;

namespace Kavach.PartnerChannel.Service;

/// <summary>MOSIP's error envelope, written by the middleware for its own refusals.</summary>
internal static class ErrorEnvelope
{
    public static byte[] Create(KavachError error, DateTimeOffset now)
    {
        using var stream = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNull("id");
            writer.WriteNull("version");
            writer.WriteString("responsetime", MosipTime.Format(now));
            writer.WriteNull("metadata");
            writer.WriteNull("response");
            writer.WriteStartArray("errors");
            writer.WriteStartObject();
            writer.WriteString("errorCode", error.Code);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
