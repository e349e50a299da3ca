using System.Text.Json;
using Kavach.DeviceAgent.State;

namespace Kavach.DeviceAgent.Logging;

/// <summary>
/// A device's local log (<c>agent.log</c>, JSON lines, 0600), also what <c>getLogs</c> sends. Callers pass an event
/// name and a detail of ids; the detail is cut to 200 printable characters, so even a mistake cannot put a blob in it.
/// </summary>
public sealed class AgentLog
{
    private const int MaxDetail = 200;
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long _seq = -1;

    /// <summary>Opens the log of <paramref name="directory"/>.</summary>
    public AgentLog(DeviceDirectory directory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _path = directory.LogFile;
        _time = time;
    }

    /// <summary>An ordinary event.</summary>
    public void Info(string name, string detail) => Write("info", name, detail);

    /// <summary>Something refused or failed.</summary>
    public void Warn(string name, string detail) => Write("warn", name, detail);

    /// <summary>A security event an operator must see (impostor server, time rollback, rejected command).</summary>
    public void Alert(string name, string detail) => Write("alert", name, detail);

    /// <summary>The entries after <paramref name="sinceSeq"/>, at most <paramref name="limit"/> (oldest first).</summary>
    public IReadOnlyList<AgentLogEntry> Read(long sinceSeq, int limit)
    {
        lock (_gate)
        {
            return [.. ReadAll().Where(entry => entry.Seq > sinceSeq).Take(limit)];
        }
    }

    private void Write(string level, string name, string detail)
    {
        lock (_gate)
        {
            if (_seq < 0)
            {
                _seq = ReadAll().LastOrDefault()?.Seq ?? 0;
            }

            var entry = new AgentLogEntry(++_seq, _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture), level, name, Clean(detail));
            SecureFiles.AppendLine(_path, JsonSerializer.Serialize(entry, AgentJsonContext.Default.AgentLogEntry).ReplaceLineEndings(string.Empty));
        }
    }

    private IEnumerable<AgentLogEntry> ReadAll()
    {
        if (!File.Exists(_path))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(_path))
        {
            AgentLogEntry? entry = null;
            try
            {
                entry = JsonSerializer.Deserialize(line, AgentJsonContext.Default.AgentLogEntry);
            }
            catch (JsonException)
            {
                // A line torn by a power cut is skipped, not fatal.
            }

            if (entry is not null)
            {
                yield return entry;
            }
        }
    }

    private static string Clean(string detail)
    {
        var printable = new string([.. detail.Where(c => c >= ' ' && c < '\u007f').Take(MaxDetail)]);
        return printable;
    }
}
