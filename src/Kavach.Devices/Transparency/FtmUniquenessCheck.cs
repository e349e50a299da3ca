namespace Kavach.Devices.Transparency;

/// <summary>
/// The auditor's check of spec §4.13.6 over the log's own leaves: one FTM chip never appears under two devices. Pure,
/// so an auditor runs it on leaves fetched from the log as well as the server does.
/// </summary>
public static class FtmUniquenessCheck
{
    /// <summary>Every FTM chip certificate that appears under more than one serial; empty when the log is clean.</summary>
    public static IReadOnlyList<FtmConflict> Find(IEnumerable<(long Index, TransparencyEntry Entry)> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        var byFtm = new Dictionary<string, (List<string> Serials, List<long> Indexes)>(StringComparer.Ordinal);
        foreach (var (index, entry) in leaves)
        {
            if (entry.FtmCertSha256 is not { } ftm || entry.SerialNo is not { } serial)
            {
                continue;
            }

            if (!byFtm.TryGetValue(ftm, out var seen))
            {
                seen = ([], []);
                byFtm[ftm] = seen;
            }

            if (!seen.Serials.Contains(serial, StringComparer.Ordinal))
            {
                seen.Serials.Add(serial);
            }

            seen.Indexes.Add(index);
        }

        return [.. byFtm.Where(p => p.Value.Serials.Count > 1).Select(p => new FtmConflict(p.Key, p.Value.Serials, p.Value.Indexes))];
    }
}
