namespace Kavach.DeviceAgent.Logging;

/// <summary>
/// One line of the local log. Its members are fixed texts, ids and counters chosen by the agent's own code: no message
/// body, digital id, key, token or biometric value is ever a member, so nothing of them can be logged by accident.
/// </summary>
/// <param name="Seq">Position in this device's log (1, 2, …): <c>getLogs{sinceSeq}</c> collects after it.</param>
/// <param name="Time">When (the device's clock, ISO 8601 UTC).</param>
/// <param name="Level"><c>info</c>, <c>warn</c> or <c>alert</c>.</param>
/// <param name="Event">What happened, a fixed name (<c>enrol</c>, <c>checkin</c>, <c>server-refused</c>, …).</param>
/// <param name="Detail">A fixed text with ids (command id, certificate serial, error code).</param>
public sealed record AgentLogEntry(long Seq, string Time, string Level, string Event, string Detail);
