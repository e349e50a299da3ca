namespace Kavach.Cli.Commands;

/// <summary>Runs a command body, turning <see cref="CliFailureException"/> into one line on standard error and exit code 1.</summary>
public static class CliActions
{
    /// <summary>Runs <paramref name="body"/>; 0 on success.</summary>
    public static async Task<int> RunAsync(CliConsole console, Func<Task> body)
    {
        try
        {
            await body();
            return 0;
        }
        catch (CliFailureException failure)
        {
            await console.Error.WriteLineAsync($"kavach: {failure.Message}");
            return 1;
        }
    }

    /// <summary>Runs <paramref name="body"/> that decides its own exit code.</summary>
    public static async Task<int> RunAsync(CliConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliFailureException failure)
        {
            await console.Error.WriteLineAsync($"kavach: {failure.Message}");
            return 1;
        }
    }
}
