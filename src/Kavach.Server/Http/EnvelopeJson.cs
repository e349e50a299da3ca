using System.Text.Json.Serialization.Metadata;

namespace Kavach.Server.Http;

/// <summary>
/// The source-generated JSON metadata of the envelope types, looked up once per type in the wire contexts (no
/// reflection on the hot path). A type in neither context is a bug, reported when the endpoints are built.
/// </summary>
internal static class EnvelopeJson
{
    /// <summary>The metadata of <typeparamref name="TValue"/>.</summary>
    public static JsonTypeInfo<TValue> For<TValue>() => Cache<TValue>.Info ?? throw new InvalidOperationException(
        $"No JSON metadata for {typeof(TValue)}: add it to {nameof(KavachJsonContext)}, {nameof(TrustJsonContext)}, {nameof(PartnerChannelJsonContext)} or {nameof(ConsoleJsonContext)}.");

    private static class Cache<TValue>
    {
        public static readonly JsonTypeInfo<TValue>? Info =
            (KavachJsonContext.Default.GetTypeInfo(typeof(TValue)) ?? TrustJsonContext.Default.GetTypeInfo(typeof(TValue)) ??
                PartnerChannelJsonContext.Default.GetTypeInfo(typeof(TValue)) ?? ConsoleJsonContext.Default.GetTypeInfo(typeof(TValue))) as JsonTypeInfo<TValue>;
    }
}
