using Kavach.Keys.Errors;

namespace Kavach.Devices.Transparency;

/// <summary>
/// Codes of the transparency log, de-registration and hooks owner (<c>KER-DEV-120</c>…<c>139</c>; the transparency
/// log uses 120–124).
/// </summary>
public static class TransparencyErrors
{
    /// <summary>No leaf with that hash, or not in the tree size asked for.</summary>
    public static readonly KavachError LeafNotFound = new("KER-DEV-120", "Log entry not found.");

    /// <summary>A tree size out of range (negative, larger than the log, first after second).</summary>
    public static readonly KavachError InvalidTreeSize = new("KER-DEV-121", "Invalid tree size.");

    /// <summary>A leaf hash that is not 64 hex characters, or an entry that cannot be logged.</summary>
    public static readonly KavachError InvalidEntry = new("KER-DEV-122", "Invalid log entry.");

    /// <summary>No signed tree head exists for that size.</summary>
    public static readonly KavachError TreeHeadNotFound = new("KER-DEV-123", "Tree head not found.");
}
