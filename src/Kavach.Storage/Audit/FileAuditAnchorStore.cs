using System.Text;
using Kavach.Keys.Audit;

namespace Kavach.Storage.Audit;

/// <summary>
/// Audit anchors in a text file outside the database (mode 0600, opened for appending only): whoever can rewrite the
/// database tables cannot reach it. One line per checkpoint, each written with a single append, so concurrent writers
/// (server replicas on one host, a CLI command) do not interleave; a last line without its newline (a crash mid-write)
/// is ignored.
/// </summary>
public sealed class FileAuditAnchorStore : IAuditAnchorStore
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly Lock _gate = new();

    /// <summary>Keeps anchors in <paramref name="path"/>.</summary>
    public FileAuditAnchorStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The anchor file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public Task AppendAsync(string line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("An anchor is one line.", nameof(line));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite | FileShare.Delete };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        // One short synchronous write under a lock (checkpoints are minutes apart): lines never interleave.
        lock (_gate)
        {
            using var file = new FileStream(Path, options);
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ReadAllAsync(CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(Path, Encoding.UTF8, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return [];
        }

        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : text[..end].Split('\n');
    }
}
