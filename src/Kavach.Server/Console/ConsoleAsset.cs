namespace Kavach.Server.Console;

/// <summary>One built file of the console.</summary>
/// <param name="Path">Its path under <c>/console/</c>.</param>
/// <param name="Bytes">Its content.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="ETag">A strong entity tag from its hash.</param>
internal sealed record ConsoleAsset(string Path, byte[] Bytes, string ContentType, string ETag)
{
    /// <summary>The page every route of the console loads.</summary>
    public const string IndexPath = "index.html";

    /// <summary>Vite names these after their content hash: they can be cached for good.</summary>
    public bool Immutable => Path.StartsWith("assets/", StringComparison.Ordinal);
}
