namespace Kavach.Cli.Tests;

/// <summary>Runs the CLI in-process with captured streams.</summary>
public static class CliRun
{
    /// <summary>Runs <c>kavach args</c>; returns the exit code and what it wrote.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunWithInputAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        var code = await KavachCli.RunAsync(args, new CliConsole(input, output, error));
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>kavach args</c> with empty standard input.</summary>
    public static Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);
}
