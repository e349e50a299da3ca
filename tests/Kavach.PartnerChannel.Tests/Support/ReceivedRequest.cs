namespace Kavach.PartnerChannel.Tests.Support;

/// <summary>What the protected test service received.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, string? ContentType, IPartnerChannelFeature? Feature);
