using Kavach.DeviceAgent.Commands;

namespace Kavach.DeviceAgent.Operations;

/// <summary>What a check-in brought.</summary>
/// <param name="PollAfterSeconds">When the server wants the next call.</param>
/// <param name="Commands">The commands and how each ended.</param>
public sealed record CheckinOutcome(int PollAfterSeconds, IReadOnlyList<CommandOutcome> Commands);
