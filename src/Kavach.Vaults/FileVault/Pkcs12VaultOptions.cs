namespace Kavach.Vaults;

/// <summary>Where the PKCS#12 key vault keeps its file and the generated password for it.</summary>
/// <param name="Directory">The data directory; created with mode 0700 when missing.</param>
/// <param name="FileName">The PKCS#12 file inside <paramref name="Directory"/>.</param>
/// <param name="PasswordFileName">The file inside <paramref name="Directory"/> holding the generated vault password (mode 0600).</param>
public sealed record Pkcs12VaultOptions(string Directory, string FileName = "vault.p12", string PasswordFileName = "vault.password")
{
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new ArgumentException("The vault directory is required.", nameof(Directory));
        }

        RequirePlainFileName(FileName, nameof(FileName));
        RequirePlainFileName(PasswordFileName, nameof(PasswordFileName));
        if (string.Equals(FileName, PasswordFileName, StringComparison.Ordinal))
        {
            throw new ArgumentException("The vault file and its password file need different names.", nameof(PasswordFileName));
        }
    }

    // Names travel into Path.Combine: a separator or ".." would move a secret out of the vault directory.
    private static void RequirePlainFileName(string name, string parameter)
    {
        if (string.IsNullOrWhiteSpace(name) || name is "." or ".." || Path.GetFileName(name) != name
            || name.AsSpan().IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException("A plain file name without directory parts is required.", parameter);
        }
    }
}
