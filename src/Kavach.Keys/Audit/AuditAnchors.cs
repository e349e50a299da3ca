using System.Security.Cryptography;

namespace Kavach.Keys.Audit;

/// <summary>
/// Writes every checkpoint's head to an <see cref="IAuditAnchorStore"/> outside the database and reads back the
/// highest authentic one, so that emptying or cutting the audit tables — which the chain alone cannot show, since an
/// empty or shortened chain is internally consistent — is detected by verification.
/// </summary>
public sealed class AuditAnchors
{
    private readonly IAuditAnchorStore _store;
    private readonly AuditSecrets _secrets;

    /// <summary>Creates the anchors over <paramref name="store"/>, MACed with keys from <paramref name="secrets"/>.</summary>
    public AuditAnchors(IAuditAnchorStore store, AuditSecrets secrets)
    {
        _store = store;
        _secrets = secrets;
    }

    /// <summary>Appends the anchor of <paramref name="checkpoint"/>.</summary>
    public async Task<AuditAnchor> AnchorAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var (alias, key) = await _secrets.GetAnchorKeyAsync(cancellationToken);
        try
        {
            var bytes = AuditAnchor.BytesFor(checkpoint.Seq, checkpoint.RecordHash, checkpoint.CreatedAt, alias);
            var anchor = new AuditAnchor(checkpoint.Seq, checkpoint.RecordHash, checkpoint.CreatedAt, alias, Convert.ToHexStringLower(HMACSHA256.HashData(key, bytes)));
            await _store.AppendAsync(anchor.ToLine(), cancellationToken);
            return anchor;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// The anchor with the highest sequence number, null when nothing was anchored, or the line number of the first line
    /// that is not an authentic anchor (edited or forged: verification must fail).
    /// </summary>
    public async Task<(AuditAnchor? Latest, int? BadLine)> ReadLatestAsync(CancellationToken cancellationToken)
    {
        var lines = await _store.ReadAllAsync(cancellationToken);
        var keys = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        AuditAnchor? latest = null;
        try
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }

                if (!AuditAnchor.TryParse(lines[i], out var anchor))
                {
                    return (latest, i + 1);
                }

                if (!keys.TryGetValue(anchor.MacKeyAlias, out var key))
                {
                    key = await _secrets.AnchorKeyOfAsync(anchor.MacKeyAlias, cancellationToken);
                    keys[anchor.MacKeyAlias] = key;
                }

                var expected = key is null ? null : HMACSHA256.HashData(key, AuditAnchor.BytesFor(anchor.Seq, anchor.RecordHash, anchor.CreatedAt, anchor.MacKeyAlias));
                if (expected is null || anchor.Mac.Length != 64 || !anchor.Mac.All(char.IsAsciiHexDigit) ||
                    !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(anchor.Mac), expected))
                {
                    return (latest, i + 1);
                }

                if (latest is null || anchor.Seq > latest.Seq)
                {
                    latest = anchor;
                }
            }

            return (latest, null);
        }
        finally
        {
            foreach (var key in keys.Values.OfType<byte[]>())
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }
}
