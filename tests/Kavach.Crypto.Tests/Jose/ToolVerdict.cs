namespace Kavach.Crypto.Tests.Jose;

/// <summary>What an external tool said about one input: success with a value, or failure with a reason.</summary>
internal sealed record ToolVerdict(bool Ok, byte[] Value, string Detail)
{
    public static ToolVerdict Parse(string line)
    {
        string[] fields = line.Split(' ', 3);
        return fields[0] == "OK"
            ? new ToolVerdict(true, Convert.FromBase64String(fields.Length > 1 ? fields[1] : string.Empty), fields.Length > 2 ? fields[2] : string.Empty)
            : new ToolVerdict(false, [], line);
    }
}
