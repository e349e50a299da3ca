namespace Kavach.Hosting.Inventory;

/// <summary>One page of the key inventory.</summary>
/// <param name="Keys">The keys.</param>
/// <param name="Next">The opaque cursor of the next page, or null when this is the last.</param>
public sealed record KeyInventoryPage(IReadOnlyList<KeyInventoryEntry> Keys, string? Next);
