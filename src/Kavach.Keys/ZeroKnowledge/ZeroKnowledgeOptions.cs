namespace Kavach.Keys.ZeroKnowledge;

/// <summary>Zero-knowledge encryption settings (configuration section <c>Kavach:ZeroKnowledge</c>).</summary>
public sealed class ZeroKnowledgeOptions
{
    /// <summary>Pool size made at start-up and by <c>kavach zk pool generate</c> (MOSIP: 10,000); 0 makes none (an IDA-side instance).</summary>
    public int PoolSize { get; set; } = 10_000;

    /// <summary>Application id of the ZK master key (<c>mosip.kernel.zkcrypto.masterkey.application.id</c>).</summary>
    public string MasterApplicationId { get; set; } = "KERNEL";

    /// <summary>Reference id of the ZK master key.</summary>
    public string MasterReferenceId { get; set; } = "IDENTITY_CACHE";

    /// <summary>Application id of the random-key recipients (<c>mosip.kernel.zkcrypto.publickey.application.id</c>).</summary>
    public string RecipientApplicationId { get; set; } = "IDA";

    /// <summary>Comma-separated reference ids of the recipients (<c>...publickey.reference.id</c>).</summary>
    public string RecipientReferenceIds { get; set; } = "PUBLIC_KEY";
}
