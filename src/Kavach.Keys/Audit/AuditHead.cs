namespace Kavach.Keys.Audit;

/// <summary>The newest record of the chain: its sequence number and hash.</summary>
public sealed record AuditHead(long Seq, string Hash)
{
    /// <summary>The head of an empty chain: sequence 0 and the genesis hash.</summary>
    public static AuditHead Empty { get; } = new(0, AuditChain.GenesisHash);
}
