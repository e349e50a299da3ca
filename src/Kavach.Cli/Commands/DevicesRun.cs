using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kavach.Cli.Commands;

/// <summary>Runs one <c>kavach devices</c> call: builds the client from the options, prints the server's JSON answer.</summary>
internal static class DevicesRun
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Runs <paramref name="call"/> and prints what it returns as JSON (indented, or one line under <c>--json</c>);
    /// <paramref name="tableWritten"/> means the call printed its own table when it returned null.
    /// </summary>
    public static Task<int> RunAsync(CliConsole console, ParseResult parse, Func<DevicesAdminClient, Task<JsonNode?>> call, bool tableWritten = false) =>
        CliActions.RunAsync(console, async () =>
        {
            var server = parse.GetValue(DevicesCliOptions.Server) ?? Environment.GetEnvironmentVariable("KAVACH_DEVICES_SERVER")
                ?? throw new CliFailureException("--server is required (or KAVACH_DEVICES_SERVER)");
            var token = parse.GetValue(DevicesCliOptions.Token);
            if (parse.GetValue(DevicesCliOptions.TokenFile) is { } tokenFile)
            {
                token = (await File.ReadAllTextAsync(tokenFile)).Trim();
            }

            token ??= Environment.GetEnvironmentVariable("KAVACH_TOKEN") ?? string.Empty;
            var ca = parse.GetValue(DevicesCliOptions.Ca) ?? Environment.GetEnvironmentVariable("KAVACH_DEVICES_CA");
            using var client = DevicesAdminClient.Create(server, token, ca);
            var result = await call(client);
            if (result is null && tableWritten)
            {
                return;
            }

            var json = parse.Tokens.Any(t => t.Value == "--json");
            await console.Out.WriteLineAsync(result is null ? "{}" : result.ToJsonString(json ? null : Indented));
        });

    /// <summary>The contents of PEM files, concatenated (null when none).</summary>
    public static string? Pems(string[]? files)
    {
        if (files is null || files.Length == 0)
        {
            return null;
        }

        try
        {
            return string.Concat(files.Select(File.ReadAllText));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailureException($"cannot read a PEM file: {e.Message}");
        }
    }

    /// <summary>A file's bytes, with a one-line error when it cannot be read.</summary>
    public static async Task<byte[]> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailureException($"cannot read {path}: {e.Message}");
        }
    }

    /// <summary>Parses a JSON object given on the command line.</summary>
    public static JsonObject ParseObject(string text, string option)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new CliFailureException($"{option} must be a JSON object");
        }
        catch (JsonException)
        {
            throw new CliFailureException($"{option} is not valid JSON");
        }
    }

    /// <summary>Adds <c>name=value</c> (escaped) when the value is present.</summary>
    public static void AddQuery(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }
}
