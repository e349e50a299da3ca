using Kavach.Testing;

namespace Kavach.Server.Tests.Support;

/// <summary>Writes PEMs to files and asks openssl about them.</summary>
public static class Pems
{
    /// <summary>Runs <c>openssl verify</c> of <paramref name="leaf"/> against <paramref name="root"/> with optional intermediates; returns openssl's verdict.</summary>
    public static Task<(bool Ok, string Output)> VerifyAsync(string root, string leaf, params string[] intermediates) =>
        VerifyAtAsync(null, root, leaf, intermediates);

    /// <summary>As <see cref="VerifyAsync"/>, at a given time (for certificates made under a moved clock).</summary>
    public static async Task<(bool Ok, string Output)> VerifyAtAsync(DateTimeOffset? at, string root, string leaf, params string[] intermediates)
    {
        using var dir = new TempDirectory("kavach-openssl");
        await File.WriteAllTextAsync(dir.File("root.pem"), root);
        await File.WriteAllTextAsync(dir.File("leaf.pem"), leaf);
        var args = new List<string> { "verify", "-x509_strict", "-CAfile", dir.File("root.pem") };
        if (intermediates.Length > 0)
        {
            await File.WriteAllTextAsync(dir.File("untrusted.pem"), string.Join("\n", intermediates));
            args.AddRange(["-untrusted", dir.File("untrusted.pem")]);
        }

        if (at is { } time)
        {
            args.AddRange(["-attime", time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        args.Add(dir.File("leaf.pem"));
        var (code, stdout, stderr) = await ExternalTool.RunAsync("openssl", args);
        return (code == 0 && stdout.Contains(": OK", StringComparison.Ordinal), stdout + stderr);
    }

    /// <summary>Runs <c>openssl req -verify</c> on a CSR.</summary>
    public static async Task<(bool Ok, string Output)> VerifyCsrAsync(string csrPem)
    {
        using var dir = new TempDirectory("kavach-openssl");
        await File.WriteAllTextAsync(dir.File("req.pem"), csrPem);
        var (code, stdout, stderr) = await ExternalTool.RunAsync("openssl", ["req", "-in", dir.File("req.pem"), "-noout", "-verify", "-text"]);
        var output = stdout + stderr;
        return (code == 0 && output.Contains("verify OK", StringComparison.OrdinalIgnoreCase), output);
    }

    /// <summary><c>openssl x509 -text</c> of a certificate.</summary>
    public static async Task<string> TextAsync(string certificatePem)
    {
        var (_, stdout, stderr) = await ExternalTool.RunAsync("openssl", ["x509", "-noout", "-text"], certificatePem);
        return stdout + stderr;
    }
}
