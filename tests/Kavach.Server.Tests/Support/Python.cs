using Kavach.Testing;

namespace Kavach.Server.Tests.Support;

/// <summary>Runs a Python 3 script (Debian's python3 with python3-cryptography and python3-jwcrypto) with arguments.</summary>
public static class Python
{
    /// <summary>Runs <paramref name="script"/>; asserts it exits 0 and returns its trimmed standard output.</summary>
    public static async Task<string> RunAsync(string script, params string[] args)
    {
        using var dir = new TempDirectory("kavach-py");
        var path = dir.File("script.py");
        await File.WriteAllTextAsync(path, script);
        var (code, stdout, stderr) = await ExternalTool.RunAsync("/usr/bin/python3", [path, .. args]);
        Assert.True(code == 0, $"python failed: {stderr}");
        return stdout.Trim();
    }
}
