using System.Globalization;
using System.Text.Json;
using Kavach.Keys.Errors;

namespace Kavach.Gateway.Http;

/// <summary>
/// MOSIP's error envelope for the answers the gateway itself gives (backend down, a fault): <c>id</c>, <c>version</c>,
/// <c>responsetime</c>, <c>metadata</c>, <c>response</c> (null) and <c>errors</c>, as the key manager writes it.
/// </summary>
internal static class GatewayEnvelope
{
    /// <summary>
    /// Writes <paramref name="error"/> with <paramref name="status"/>, replacing anything not yet sent; with
    /// <paramref name="transactionId"/>, as IDA's error responses do, <c>transactionID</c> echoes the request's.
    /// </summary>
    public static async Task WriteErrorAsync(HttpContext context, int status, KavachError error, string? transactionId = null)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = status;
        response.ContentType = "application/json";
        var time = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNull("id");
            json.WriteNull("version");
            if (transactionId is not null)
            {
                json.WriteString("transactionID", transactionId);
            }

            json.WriteString("responsetime", time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteNull("metadata");
            json.WriteNull("response");
            json.WriteStartArray("errors");
            json.WriteStartObject();
            json.WriteString("errorCode", error.Code);
            json.WriteString("message", error.Message);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
