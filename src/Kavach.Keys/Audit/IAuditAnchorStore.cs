namespace Kavach.Keys.Audit;

/// <summary>
/// Where checkpoint anchors are kept outside the database: an append-only sequence of text lines (a file of the host's,
/// by default). Lines are written whole; a reader ignores a last line cut short by a crash.
/// </summary>
public interface IAuditAnchorStore
{
    /// <summary>Appends one line (without its newline) durably.</summary>
    Task AppendAsync(string line, CancellationToken cancellationToken);

    /// <summary>Every complete line, oldest first; none when nothing was ever anchored.</summary>
    Task<IReadOnlyList<string>> ReadAllAsync(CancellationToken cancellationToken);
}
