namespace Kavach.Devices.Transparency;

/// <summary>An inclusion proof (RFC 9162 §2.1.3) of one leaf in the tree a signed tree head describes.</summary>
/// <param name="LeafIndex">The leaf's index.</param>
/// <param name="TreeSize">The size of the tree the proof is for.</param>
/// <param name="LeafHash">The leaf's hash.</param>
/// <param name="AuditPath">The hashes, leaf level first.</param>
public sealed record InclusionProof(long LeafIndex, long TreeSize, byte[] LeafHash, IReadOnlyList<byte[]> AuditPath);
