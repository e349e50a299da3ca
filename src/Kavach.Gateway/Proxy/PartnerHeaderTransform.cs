using System.Net.Http.Headers;
using System.Text;
using Kavach.PartnerChannel;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Kavach.Gateway.Proxy;

/// <summary>
/// What the backend receives about the caller: the verified partner in <c>X-Kavach-Partner-Id</c>,
/// <c>X-Kavach-Partner-Organization</c> and <c>X-Kavach-Partner-Domain</c>, set from the partner channel's feature on
/// the proxied request itself — after YARP copied the incoming headers — so no header a partner sent under those names
/// (any <c>X-Kavach-*</c>) can reach the backend. The middleware already rewrote them; this is the last word.
/// </summary>
internal static class PartnerHeaderTransform
{
    private const string Prefix = "X-Kavach-";

    /// <summary>Adds the transform to every route.</summary>
    public static void Add(TransformBuilderContext builder) => builder.AddRequestTransform(Apply);

    private static ValueTask Apply(RequestTransformContext context)
    {
        RemovePrefixed(context.ProxyRequest.Headers);
        if (context.ProxyRequest.Content is { } content)
        {
            RemovePrefixed(content.Headers);
        }

        // The proxy pipeline refuses a request without the feature before it gets here; refusing again costs nothing.
        var partner = context.HttpContext.Features.Get<IPartnerChannelFeature>()?.Partner
            ?? throw new InvalidOperationException("A request reached the backend transform without a verified partner.");
        var headers = context.ProxyRequest.Headers;
        headers.TryAddWithoutValidation(PartnerChannelHeaders.PartnerId, partner.PartnerId);
        headers.TryAddWithoutValidation(PartnerChannelHeaders.PartnerOrganization, HeaderValue(partner.Organization));
        headers.TryAddWithoutValidation(PartnerChannelHeaders.PartnerDomain, partner.Domain);
        return ValueTask.CompletedTask;
    }

    private static void RemovePrefixed(HttpHeaders headers)
    {
        List<string>? names = null;
        foreach (var header in headers)
        {
            if (header.Key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                (names ??= []).Add(header.Key);
            }
        }

        foreach (var name in names ?? [])
        {
            headers.Remove(name);
        }
    }

    /// <summary>
    /// An organisation name may hold any printable Unicode; a header value is safely only visible ASCII. Names that are
    /// not go percent-encoded (UTF-8), which a backend decodes with any URL decoder.
    /// </summary>
    internal static string HeaderValue(string value) =>
        value.All(c => c is >= ' ' and <= '~') ? value : Uri.EscapeDataString(value.Normalize(NormalizationForm.FormC));
}
