namespace Kavach.Cli;

/// <summary>The streams a command reads and writes (the process's own, or a test's).</summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    /// <summary>Standard input, output and error.</summary>
    public static CliConsole System => new(Console.In, Console.Out, Console.Error);
}
