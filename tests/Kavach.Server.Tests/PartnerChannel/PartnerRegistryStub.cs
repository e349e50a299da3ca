using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Kavach.Server.Tests.PartnerChannel;

/// <summary>
/// Answers <c>GET /v1/keymanager/partners/{id}</c> for the ids in its dictionary (a record altered on purpose), and
/// passes every other call, other partners' lookups included, to the real server.
/// </summary>
internal sealed class PartnerRegistryStub : DelegatingHandler
{
    private const string Prefix = "/v1/keymanager/partners/";
    private int _lookups;

    public PartnerRegistryStub()
        : base(new HttpClientHandler())
    {
    }

    /// <summary>Altered records by partner id.</summary>
    public Dictionary<string, JsonObject> Partners { get; } = new(StringComparer.Ordinal);

    /// <summary>How many partner lookups were made (answered here or by the server).</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _lookups);
        if (!Partners.TryGetValue(Uri.UnescapeDataString(path[Prefix.Length..]), out var record))
        {
            return base.SendAsync(request, cancellationToken);
        }

        var envelope = new JsonObject { ["response"] = record.DeepClone(), ["errors"] = null };
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json"),
        });
    }
}
