using Kavach.DeviceAgent.Logging;

namespace Kavach.DeviceAgent.Commands;

/// <summary>The <c>getLogs</c> result: local log entries after the asked sequence number (they hold ids, never payloads).</summary>
/// <param name="Entries">Oldest first.</param>
/// <param name="More">True when more entries follow (ask again from the last one's <c>seq</c>).</param>
public sealed record LogsReport(IReadOnlyList<AgentLogEntry> Entries, bool More);
