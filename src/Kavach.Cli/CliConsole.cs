namespace Kavach.Cli;

/// <summary>
/// The streams a command reads and writes (the process's own, or a test's): raw bytes for data
/// (<see cref="Input"/>, <see cref="Output"/>) and text for messages.
/// </summary>
public sealed record CliConsole(Stream Input, Stream Output, TextWriter Out, TextWriter Error)
{
    /// <summary>Standard input, output and error.</summary>
    public static CliConsole System => new(Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.Out, Console.Error);
}
