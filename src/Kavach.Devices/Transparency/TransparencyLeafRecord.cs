namespace Kavach.Devices.Transparency;

/// <summary>One stored leaf of the transparency log (table <c>device_log_leaf</c>).</summary>
/// <param name="Index">Its position, from 0, without gaps.</param>
/// <param name="Leaf">The canonical entry bytes (<see cref="TransparencyEntryCodec"/>).</param>
/// <param name="LeafHash">SHA-256(0x00 ‖ leaf).</param>
/// <param name="AppendedAt">When it was appended.</param>
public sealed record TransparencyLeafRecord(long Index, byte[] Leaf, byte[] LeafHash, DateTimeOffset AppendedAt);
