using Kavach.Keys.Hierarchy;
using Kavach.Keys.Storage;

namespace Kavach.Keys.Inventory;

/// <summary>What a key is in the hierarchy, as operators see it (<c>kavach keys list</c>, the <c>kavach_keys</c> metric).</summary>
public static class KeyKinds
{
    /// <summary>ROOT.</summary>
    public const string Root = "root";

    /// <summary>A module (master) key: reference id <c>""</c>.</summary>
    public const string Master = "master";

    /// <summary>A base key of an (application, reference) pair.</summary>
    public const string Base = "base";

    /// <summary>A data-signing key (<c>SIGN</c>, EC and Ed25519 signing references).</summary>
    public const string Signing = "signing";

    /// <summary>A symmetric key (no certificate).</summary>
    public const string Symmetric = "symmetric";

    /// <summary>Every kind, for metric series.</summary>
    public static readonly IReadOnlyList<string> All = [Root, Master, Base, Signing, Symmetric];

    /// <summary>The kind of <paramref name="alias"/>.</summary>
    public static string Of(KeyAlias alias) =>
        alias.AppId == KeyIds.Root ? Root
        : alias.CertThumbprint is null ? Symmetric
        : alias.RefId == KeyIds.Sign || KeyIds.IsEcSignReference(alias.RefId) ? Signing
        : alias.RefId.Length == 0 ? Master
        : Base;
}
