namespace Kavach.Server.Security.Hosting;

/// <summary>
/// Bounds on request JSON besides the body size: nesting deeper than <see cref="MaxDepth"/> is a malformed request
/// (<c>KER-KMS-005</c>). MOSIP's envelopes nest four levels; metadata gets room, a parser-exhausting document does not.
/// </summary>
public static class KavachJsonLimits
{
    /// <summary>The deepest accepted nesting of objects and arrays.</summary>
    public const int MaxDepth = 32;
}
