namespace Kavach.Devices.Transparency;

/// <summary>A consistency proof (RFC 9162 §2.1.4): the tree of <paramref name="First"/> leaves is a prefix of the tree of <paramref name="Second"/>.</summary>
/// <param name="First">The older size.</param>
/// <param name="Second">The newer size.</param>
/// <param name="Path">The hashes.</param>
public sealed record ConsistencyProof(long First, long Second, IReadOnlyList<byte[]> Path);
