using System.Net.Http.Headers;

namespace Kavach.PartnerChannel.Client;

/// <summary>Small helpers shared by the two client protocols.</summary>
internal static class PartnerChannelResponses
{
    /// <summary>A header's value from the response or its content headers, lines combined with <c>", "</c>; null when absent.</summary>
    public static string? Header(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out IEnumerable<string>? values)
            || (response.Content is not null && response.Content.Headers.TryGetValues(name, out values)))
        {
            return Combine(values);
        }

        return null;
    }

    /// <summary>RFC 9110 §5.3 combination of field lines, each trimmed (RFC 9421 §2.1).</summary>
    public static string Combine(IEnumerable<string> values)
    {
        string? single = null;
        List<string>? many = null;
        foreach (string value in values)
        {
            if (single is null)
            {
                single = value.Trim();
            }
            else
            {
                many ??= [single];
                many.Add(value.Trim());
            }
        }

        return many is null ? single ?? string.Empty : string.Join(", ", many);
    }

    /// <summary>A new content with <paramref name="body"/> and the content headers of <paramref name="original"/> (but its length).</summary>
    public static ByteArrayContent Replace(HttpContent? original, byte[] body)
    {
        var content = new ByteArrayContent(body);
        if (original is not null)
        {
            foreach (KeyValuePair<string, IEnumerable<string>> header in original.Headers)
            {
                if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }

        return content;
    }

    /// <summary>Sets the content type, replacing any.</summary>
    public static void SetContentType(HttpContent content, string? mediaType)
    {
        content.Headers.Remove("Content-Type");
        if (mediaType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        }
    }

    /// <summary>The media type without parameters, or null.</summary>
    public static string? MediaType(HttpContentHeaders? headers)
    {
        MediaTypeHeaderValue? type = headers?.ContentType;
        return type?.MediaType;
    }
}
