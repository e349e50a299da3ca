using System.Text;

namespace Kavach.Testing;

/// <summary>A SoftHSM2 token made for the tests: its label, user PIN (in a 0600 file) and where its files live.</summary>
public sealed record SoftHsmToken(string Library, string Label, string Pin, string PinFile, string TokenDirectory)
{
    /// <summary>Server arguments selecting this token (<paramref name="library"/> overrides the module path).</summary>
    public IEnumerable<string> ServerArguments(string? library = null) =>
    [
        "--Kavach:Vault:Type=Pkcs11",
        $"--Kavach:Vault:Pkcs11:Library={library ?? Library}",
        $"--Kavach:Vault:Pkcs11:TokenLabel={Label}",
        $"--Kavach:Vault:Pkcs11:PinFile={PinFile}",
    ];

    /// <summary>The token's own directory under the token directory (found by its label inside token.object).</summary>
    public string Directory()
    {
        var label = Encoding.UTF8.GetBytes(Label);
        foreach (var candidate in System.IO.Directory.EnumerateDirectories(TokenDirectory))
        {
            var tokenObject = Path.Combine(candidate, "token.object");
            if (File.Exists(tokenObject) && File.ReadAllBytes(tokenObject).AsSpan().IndexOf(label) >= 0)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No directory of token {Label} under {TokenDirectory}.");
    }

    /// <summary>Takes the token's files away (as if the HSM were unplugged); returns where they went.</summary>
    public string Remove()
    {
        var directory = Directory();
        var aside = Path.Combine(Path.GetDirectoryName(TokenDirectory)!, "removed-" + Path.GetFileName(directory));
        System.IO.Directory.Move(directory, aside);
        return aside;
    }

    /// <summary>Puts back what <see cref="Remove"/> took away.</summary>
    public void Restore(string aside) => System.IO.Directory.Move(aside, Path.Combine(TokenDirectory, Path.GetFileName(aside)["removed-".Length..]));
}
