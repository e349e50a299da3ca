namespace Kavach.Cli.Commands;

/// <summary>Reading inputs from a file or standard input, writing outputs to a file or standard output.</summary>
public static class CliFiles
{
    /// <summary>The bytes of <paramref name="path"/>, or of standard input when it is null or "-".</summary>
    public static async Task<byte[]> ReadAsync(string? path, CliConsole console, CancellationToken cancellationToken)
    {
        try
        {
            if (path is null or "-")
            {
                using var buffer = new MemoryStream();
                await console.Input.CopyToAsync(buffer, cancellationToken);
                return buffer.ToArray();
            }

            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailureException($"cannot read {path ?? "standard input"}: {e.Message}");
        }
    }

    /// <summary>A text file (a PEM, say).</summary>
    public static async Task<string> ReadTextAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailureException($"cannot read {path}: {e.Message}");
        }
    }

    /// <summary>Writes <paramref name="data"/> to <paramref name="path"/>, or to standard output when it is null or "-".</summary>
    public static async Task WriteAsync(string? path, byte[] data, CliConsole console, CancellationToken cancellationToken)
    {
        try
        {
            if (path is null or "-")
            {
                await console.Output.WriteAsync(data, cancellationToken);
                await console.Output.FlushAsync(cancellationToken);
                return;
            }

            await File.WriteAllBytesAsync(path, data, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailureException($"cannot write {path ?? "standard output"}: {e.Message}");
        }
    }
}
