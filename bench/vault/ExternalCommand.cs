using System.Diagnostics;

namespace Kavach.Bench.Vault;

/// <summary>Runs a program and returns what it printed (stdout then stderr), or a note that it failed.</summary>
internal static class ExternalCommand
{
    public static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output + error.GetAwaiter().GetResult();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"({program} not available: {e.Message})";
        }
    }
}
