using System.Text;

namespace Kavach.Cli.Tests;

/// <summary>Runs the CLI in-process with captured streams.</summary>
public static class CliRun
{
    /// <summary>Runs <c>kavach args</c> with <paramref name="stdin"/>; returns the exit code, raw standard output (as bytes and text) and standard error.</summary>
    public static async Task<CliResult> RunWithInputAsync(byte[] stdin, params string[] args)
    {
        using var input = new MemoryStream(stdin);
        using var output = new MemoryStream();
        using var text = new StringWriter();
        using var error = new StringWriter();
        var code = await KavachCli.RunAsync(args, new CliConsole(input, output, text, error));
        return new CliResult(code, output.ToArray(), text.ToString(), error.ToString());
    }

    /// <summary>Runs <c>kavach args</c> with empty standard input.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        var result = await RunWithInputAsync([], args);
        return (result.ExitCode, result.Text + Encoding.UTF8.GetString(result.Bytes), result.Error);
    }
}

/// <summary>What a CLI run produced.</summary>
public sealed record CliResult(int ExitCode, byte[] Bytes, string Text, string Error);
