using System.Diagnostics;
using System.Text;
using Kavach.Testing;

namespace Kavach.DeviceAgent.Tests.Support;

/// <summary>The real <c>kavach-agent</c> program, run as its own process (<c>dotnet kavach-agent.dll …</c>).</summary>
internal static class AgentProcess
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "kavach-agent.dll");

    /// <summary>Runs a one-shot command to its end.</summary>
    public static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(params string[] arguments) =>
        ExternalTool.RunAsync("dotnet", [Dll, .. arguments], timeout: TimeSpan.FromMinutes(2));

    /// <summary>Starts <c>kavach-agent run …</c>; its output is collected until it is stopped.</summary>
    public static RunningAgent Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("kavach-agent did not start");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new RunningAgent(process, output);
    }
}
