using Kavach.Devices.Transparency;
using Kavach.Storage;

namespace Kavach.Devices.Tests.Enrolment.Support;

/// <summary>A transparency log store whose appends fail as a lost database would; reads go to the real store.</summary>
internal sealed class UnwritableTransparencyStore(ITransparencyLogStore inner) : ITransparencyLogStore
{
    public Task<long> AppendLeafAsync(TransparencyEntry entry, byte[] leaf, byte[] leafHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        throw new KeyStoreUnavailableException("The database is unreachable.");

    public Task<long> GetLeafCountAsync(CancellationToken cancellationToken) => inner.GetLeafCountAsync(cancellationToken);

    public Task<IReadOnlyList<TransparencyLeafRecord>> ReadLeavesAsync(long from, int limit, CancellationToken cancellationToken) => inner.ReadLeavesAsync(from, limit, cancellationToken);

    public Task<TransparencyLeafRecord?> FindLeafByHashAsync(byte[] leafHash, CancellationToken cancellationToken) => inner.FindLeafByHashAsync(leafHash, cancellationToken);

    public Task<bool> TryInsertTreeHeadAsync(SignedTreeHead head, CancellationToken cancellationToken) => inner.TryInsertTreeHeadAsync(head, cancellationToken);

    public Task<SignedTreeHead?> GetLatestTreeHeadAsync(CancellationToken cancellationToken) => inner.GetLatestTreeHeadAsync(cancellationToken);

    public Task<SignedTreeHead?> GetTreeHeadAsync(long treeSize, CancellationToken cancellationToken) => inner.GetTreeHeadAsync(treeSize, cancellationToken);
}
