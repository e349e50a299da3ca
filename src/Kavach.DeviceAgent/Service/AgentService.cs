using Kavach.DeviceAgent.Commands;
using Kavach.DeviceAgent.Keys;
using Kavach.DeviceAgent.State;

namespace Kavach.DeviceAgent.Service;

/// <summary>
/// <c>kavach-agent run</c>: serves every device attached to the host (spec §4.13.5). A state directory holding
/// <c>device.json</c> is one device; otherwise each subdirectory holding one is a device (finger, iris, face …). The
/// directory is scanned again every few seconds: a device that appears gets its own loop, one that vanishes has its loop
/// stopped. Each device keeps its own identity, keys, clock and sequence numbers.
/// </summary>
public sealed class AgentService
{
    private readonly string _stateDirectory;
    private readonly ServerBinding? _given;
    private readonly TimeProvider _time;
    private readonly AgentRunOptions _options;
    private readonly CommandDispatcher _dispatcher;
    private readonly Func<KeyStoreSettings, DeviceDirectory, IDeviceKeyStore>? _keys;
    private readonly TextWriter _output;

    /// <summary>A service over <paramref name="stateDirectory"/>.</summary>
    public AgentService(string stateDirectory, ServerBinding? given, TimeProvider time, AgentRunOptions options, CommandDispatcher dispatcher, TextWriter output, Func<KeyStoreSettings, DeviceDirectory, IDeviceKeyStore>? keys = null)
    {
        _stateDirectory = Path.GetFullPath(stateDirectory);
        _given = given;
        _time = time;
        _options = options;
        _dispatcher = dispatcher;
        _output = output;
        _keys = keys;
    }

    /// <summary>The devices served now (their directories).</summary>
    public IReadOnlyCollection<string> Devices
    {
        get
        {
            lock (_loops)
            {
                return [.. _loops.Keys];
            }
        }
    }

    private readonly Dictionary<string, (CancellationTokenSource Stop, Task Loop)> _loops = new(StringComparer.Ordinal);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Reconcile(cancellationToken);
                try
                {
                    await Task.Delay(_options.RescanInterval, _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            List<(CancellationTokenSource Stop, Task Loop)> running;
            lock (_loops)
            {
                running = [.. _loops.Values];
                _loops.Clear();
            }

            foreach (var (stop, _) in running)
            {
                await stop.CancelAsync();
            }

            await Task.WhenAll(running.Select(entry => entry.Loop));
            foreach (var (stop, _) in running)
            {
                stop.Dispose();
            }
        }
    }

    private void Reconcile(CancellationToken cancellationToken)
    {
        var present = Scan();
        lock (_loops)
        {
            foreach (var gone in _loops.Keys.Where(path => !present.Contains(path)).ToList())
            {
                var (stop, _) = _loops[gone];
                stop.Cancel();
                _loops.Remove(gone);
                _output.WriteLine($"kavach-agent: device at {gone} detached");
            }

            foreach (var path in present.Where(path => !_loops.ContainsKey(path)))
            {
                var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var runner = new DeviceRunner(new DeviceDirectory(path), _given, _time, _options, _dispatcher, _output, _keys);
                _loops[path] = (stop, Task.Run(() => runner.RunAsync(stop.Token), CancellationToken.None));
                _output.WriteLine($"kavach-agent: device at {path} attached");
            }
        }
    }

    private HashSet<string> Scan()
    {
        var root = new DeviceDirectory(_stateDirectory);
        if (root.HasDevice)
        {
            return [root.Path];
        }

        if (!Directory.Exists(_stateDirectory))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(_stateDirectory).Select(path => new DeviceDirectory(path)).Where(device => device.HasDevice).Select(device => device.Path)];
    }
}
