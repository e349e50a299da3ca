using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Kavach.Testing.PartnerChannel;

/// <summary>A running <c>partner_channel.py serve</c>: an HTTPS service on a loopback port, stopped on dispose.</summary>
public sealed class PythonChannelService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _dir;
    private readonly ConcurrentQueue<JsonObject> _decisions = new();
    private readonly SemaphoreSlim _decided = new(0);
    private int _awaited;

    private PythonChannelService(Process process, TempDirectory dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Its base address.</summary>
    public Uri BaseAddress => new($"https://127.0.0.1:{Port}/");

    /// <summary>What it decided so far: one <c>{"accepted": partner}</c> or <c>{"refused": reason}</c> per request.</summary>
    public IReadOnlyList<JsonObject> Decisions => [.. _decisions];

    /// <summary>
    /// Waits until it has decided <paramref name="count"/> requests in all (its log line is written before it answers,
    /// but read here asynchronously), then returns every decision.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> DecisionsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Volatile.Read(ref _awaited) < count)
        {
            await _decided.WaitAsync(timeout.Token);
            Interlocked.Increment(ref _awaited);
        }

        return Decisions;
    }

    /// <summary>Starts the service with <paramref name="config"/> and waits for its port.</summary>
    public static async Task<PythonChannelService> StartAsync(JsonObject config)
    {
        var dir = new TempDirectory("kavach-pch-serve");
        var path = dir.File("serve.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());
        var info = new ProcessStartInfo(PartnerChannelPython.Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(PartnerChannelPython.ScriptPath);
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(path);
        var process = Process.Start(info) ?? throw new InvalidOperationException("python did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var first = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (first is null)
        {
            var error = await process.StandardError.ReadToEndAsync(timeout.Token);
            throw new InvalidOperationException("partner_channel.py serve did not start: " + error);
        }

        var service = new PythonChannelService(process, dir, JsonNode.Parse(first)!["port"]!.GetValue<int>());
        _ = Task.Run(service.ReadDecisionsAsync);
        return service;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _decided.Dispose();
        _dir.Dispose();
    }

    private async Task ReadDecisionsAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            if (line.StartsWith('{') && JsonNode.Parse(line) is JsonObject decision)
            {
                _decisions.Enqueue(decision);
                _decided.Release();
            }
        }
    }
}
