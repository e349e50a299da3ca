namespace Kavach.Crypto.Tests.TestSupport;

/// <summary>Exit code and output of an external tool.</summary>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);
