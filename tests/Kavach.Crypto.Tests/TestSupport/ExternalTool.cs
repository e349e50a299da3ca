using System.Diagnostics;

namespace Kavach.Crypto.Tests.TestSupport;

/// <summary>Runs an independent tool (python3, openssl, java) and captures what it prints.</summary>
internal static class ExternalTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    internal static ToolResult Run(string fileName, IEnumerable<string> arguments, string? standardInput = null, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {Timeout}.");
        }

        return new ToolResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs a script with Debian's python3, which has the <c>cryptography</c> package.</summary>
    internal static string Python(string script, string? standardInput = null, params string[] arguments)
    {
        ToolResult result = Run("/usr/bin/python3", ["-c", script, .. arguments], standardInput);
        Assert.True(result.ExitCode == 0, "python3 failed: " + result.StandardError);
        return result.StandardOutput;
    }

    /// <summary>Runs a single-file Java program (Java's JCE is what MOSIP runs on).</summary>
    internal static string Java(string className, string source, string? standardInput = null)
    {
        using var directory = new TempDirectory();
        string path = directory.Write(className + ".java", System.Text.Encoding.UTF8.GetBytes(source));
        ToolResult result = Run("java", [path], standardInput, directory.Path);
        Assert.True(result.ExitCode == 0, "java failed: " + result.StandardError);
        return result.StandardOutput;
    }

    /// <summary>Runs the openssl command line tool.</summary>
    internal static ToolResult OpenSsl(params string[] arguments) => Run("openssl", arguments);
}
