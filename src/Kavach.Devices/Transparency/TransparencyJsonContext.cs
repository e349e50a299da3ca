using System.Text.Json.Serialization;

namespace Kavach.Devices.Transparency;

/// <summary>Source-generated serialisation of the transparency documents; unknown members are refused.</summary>
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, AllowDuplicateProperties = false, MaxDepth = 4)]
[JsonSerializable(typeof(TreeHeadDocument))]
[JsonSerializable(typeof(InclusionDocument))]
[JsonSerializable(typeof(ConsistencyDocument))]
internal sealed partial class TransparencyJsonContext : JsonSerializerContext;
