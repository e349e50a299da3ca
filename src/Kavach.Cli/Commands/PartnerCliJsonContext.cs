using System.Text.Json.Serialization;
using Kavach.Trust.Channel;

namespace Kavach.Cli.Commands;

/// <summary>Source-generated JSON for <c>kavach partner</c> output.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ChannelPartnerView))]
[JsonSerializable(typeof(List<ChannelPartnerView>))]
internal sealed partial class PartnerCliJsonContext : JsonSerializerContext;
