namespace Kavach.Gateway.Tests.Support;

/// <summary>An attacker on the path after the SDK: changes the body of a request the SDK already signed.</summary>
internal sealed class TamperingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.Content!;
        var body = await original.ReadAsByteArrayAsync(cancellationToken);

        // One byte in the middle: inside the JWE ciphertext (kavach) or a JSON string value (mosip).
        body[body.Length / 2] ^= 0x01;
        var tampered = new ByteArrayContent(body);
        foreach (var header in original.Headers)
        {
            tampered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        request.Content = tampered;
        return await base.SendAsync(request, cancellationToken);
    }
}
