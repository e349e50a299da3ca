using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Kavach.Server.Tests.PartnerChannel;

/// <summary>
/// Answers <c>GET /v1/keymanager/partners/{id}</c> from a dictionary, in the registry's record shape, and passes every
/// other call to the real server: the resolver's trust checks run against the real trust store.
/// </summary>
internal sealed class PartnerRegistryStub : DelegatingHandler
{
    private const string Prefix = "/v1/keymanager/partners/";
    private int _lookups;

    public PartnerRegistryStub()
        : base(new HttpClientHandler())
    {
    }

    /// <summary>Records by partner id; a missing id answers the registry's not-found error.</summary>
    public Dictionary<string, JsonObject> Partners { get; } = new(StringComparer.Ordinal);

    /// <summary>How many partner lookups were made.</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _lookups);
        var id = Uri.UnescapeDataString(path[Prefix.Length..]);
        var envelope = Partners.TryGetValue(id, out var record)
            ? new JsonObject { ["response"] = record.DeepClone(), ["errors"] = null }
            : new JsonObject { ["response"] = null, ["errors"] = new JsonArray(new JsonObject { ["errorCode"] = "KER-PCH-010", ["message"] = "Partner not found." }) };
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json"),
        });
    }
}
