using System.Buffers;
using System.Text;
using Kavach.Devices.Server.Configuration;
using Kavach.Devices.Server.Http;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Options;

namespace Kavach.Devices.Server.DeviceRoutes;

/// <summary>
/// Reads a device message body: media type <c>application/jose</c>, at most <see cref="DeviceServerOptions.MaxDeviceBodyBytes"/>
/// (a declared length over the limit is refused before a byte is read), printable ASCII only (compact JOSE is
/// base64url and dots), so nothing larger or stranger reaches the message gate.
/// </summary>
internal sealed class DeviceBodyReader
{
    private readonly long _limit;

    public DeviceBodyReader(IOptions<DeviceServerOptions> options) => _limit = options.Value.MaxDeviceBodyBytes;

    /// <summary>The message of <paramref name="context"/>, or the refusal (status and error).</summary>
    public async Task<(DeviceMessage? Message, int Status, KavachError? Error)> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        var audience = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        var certificate = DeviceClientCertificate.Of(context);
        if (HttpMethods.IsGet(request.Method))
        {
            return (new DeviceMessage(string.Empty, audience, certificate), StatusCodes.Status200OK, null);
        }

        if (!IsJose(request.ContentType))
        {
            return (null, StatusCodes.Status415UnsupportedMediaType, DeviceServerErrors.UnsupportedMediaType);
        }

        if (request.ContentLength > _limit)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, DeviceServerErrors.BodyTooLarge);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(_limit + 1, request.ContentLength + 1 ?? _limit + 1));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > _limit)
                    {
                        return (null, StatusCodes.Status413PayloadTooLarge, DeviceServerErrors.BodyTooLarge);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(_limit + 1, (long)buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length, (int)Math.Min(buffer.Length - length, _limit + 1 - length)), context.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > _limit)
                {
                    return (null, StatusCodes.Status413PayloadTooLarge, DeviceServerErrors.BodyTooLarge);
                }
            }

            var body = buffer.AsSpan(0, length);
            if (length == 0 || body.ContainsAnyExceptInRange((byte)0x21, (byte)0x7E))
            {
                return (null, StatusCodes.Status400BadRequest, DeviceServerErrors.BadRequest);
            }

            return (new DeviceMessage(Encoding.ASCII.GetString(body), audience, certificate), StatusCodes.Status200OK, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsJose(string? contentType) =>
        contentType is not null &&
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) &&
        parsed.MediaType.Equals(DevicePaths.JoseMediaType, StringComparison.OrdinalIgnoreCase);
}
