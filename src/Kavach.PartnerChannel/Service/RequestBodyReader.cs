namespace Kavach.PartnerChannel.Service;

/// <summary>Reads a request body into one array, never more than the limit plus one byte.</summary>
internal static class RequestBodyReader
{
    /// <summary>The body, or null when it is longer than <paramref name="limit"/>.</summary>
    public static async ValueTask<byte[]?> ReadAsync(Stream body, long? declaredLength, long limit, CancellationToken cancellationToken)
    {
        if (declaredLength > limit)
        {
            return null;
        }

        if (declaredLength is long exact)
        {
            byte[] buffer = new byte[exact];
            int read = 0;
            while (read < buffer.Length)
            {
                int n = await body.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    // Kestrel enforces Content-Length; a short body is a broken request.
                    throw new IOException("The request body ended early.");
                }

                read += n;
            }

            return buffer;
        }

        // Chunked: grow, but stop reading as soon as the limit is passed.
        byte[] chunked = new byte[Math.Min(limit + 1, 16 * 1024)];
        int length = 0;
        while (true)
        {
            if (length == chunked.Length)
            {
                if (length > limit)
                {
                    return null;
                }

                Array.Resize(ref chunked, (int)Math.Min(limit + 1, (long)chunked.Length * 2));
            }

            int n = await body.ReadAsync(chunked.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            length += n;
            if (length > limit)
            {
                return null;
            }
        }

        return length == chunked.Length ? chunked : chunked.AsSpan(0, length).ToArray();
    }
}
