using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;

namespace Kavach.Cli;

/// <summary>
/// How commands print results. On a terminal a table sized to the window; when standard output is not a terminal (a
/// pipe, a file, a test) one line per row, cells separated by tabs, nothing wrapped or cut, so <c>grep</c>, <c>cut</c>
/// and <c>awk -F'\t'</c> see whole values. <c>--json</c> prints one JSON document: an array for lists (<c>[]</c> when
/// empty), an object for single results.
/// </summary>
internal static class CliOutput
{
    /// <summary>True when <paramref name="console"/> writes to the process's standard output and that is a terminal.</summary>
    public static bool IsTerminal(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected;
    }

    /// <summary>A console for Spectre widgets: plain text, no colours; on a terminal its width, otherwise unbounded.</summary>
    public static IAnsiConsole Ansi(CliConsole console)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!IsTerminal(console))
        {
            // Spectre falls back to 80 columns when it cannot ask a terminal: wide enough that nothing wraps.
            ansi.Profile.Width = 4096;
        }

        return ansi;
    }

    /// <summary>Writes <paramref name="rows"/> under <paramref name="headers"/>: a table on a terminal, tab-separated lines otherwise.</summary>
    public static async Task WriteTableAsync(CliConsole console, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        if (!IsTerminal(console))
        {
            await console.Out.WriteLineAsync(string.Join('\t', headers.Select(Cell)));
            foreach (var row in rows)
            {
                await console.Out.WriteLineAsync(string.Join('\t', row.Select(Cell)));
            }

            await console.Out.FlushAsync();
            return;
        }

        var table = new Table().AddColumns([.. headers.Select(h => new TableColumn(Markup.Escape(h)))]);
        foreach (var row in rows)
        {
            table.AddRow([.. row.Select(cell => new Text(cell))]);
        }

        Ansi(console).Write(table);
    }

    /// <summary>Writes <paramref name="value"/> as one JSON document (an array, or an object) and a newline.</summary>
    public static async Task WriteJsonAsync<T>(CliConsole console, T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(console);
        await console.Out.WriteLineAsync(JsonSerializer.Serialize(value, typeInfo));
        await console.Out.FlushAsync();
    }

    /// <summary>
    /// A cell of a tab-separated line: tabs and line breaks inside a value become spaces, so each row stays one line;
    /// an empty value (a master key's reference id) stays empty.
    /// </summary>
    private static string Cell(string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty : value.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
