using Kavach.Devices.Repository.Approvals;

namespace Kavach.Devices.Repository.Whitelist;

/// <summary>An imported batch and the four-eyes request a second administrator approves it with.</summary>
public sealed record WhitelistImport(WhitelistBatchRecord Batch, ApprovalRequest Approval);
