using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Storage;

namespace Kavach.Keys.Authorities;

/// <summary>One key of a <see cref="VaultHeldKeys"/> application: its <c>key_alias</c> row, the certificate the vault holds for it and the ROOT that issued it.</summary>
/// <param name="Alias">The row.</param>
/// <param name="Certificate">The vault's certificate of the key (its thumbprint is the row's).</param>
/// <param name="Root">The ROOT certificate that issued it; null when no ROOT of ours verifies it any more.</param>
public sealed record VaultHeldKey(KeyAlias Alias, X509Certificate2 Certificate, X509Certificate2? Root);
