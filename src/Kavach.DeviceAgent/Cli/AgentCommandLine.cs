namespace Kavach.DeviceAgent.Cli;

/// <summary>The <c>kavach-agent</c> command line.</summary>
internal static class AgentCommandLine
{
    public static int Run(string[] args) => args.Length == 0 ? 2 : 0;
}
