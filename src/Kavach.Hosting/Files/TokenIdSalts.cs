using System.Security.Cryptography;
using Kavach.Crypto;
using Kavach.Keys.TokenIds;

namespace Kavach.Hosting.Files;

/// <summary>
/// Token-ID salts: from configuration when set (required when replicas share a database: every replica must give
/// the same ids), else generated once into <c>&lt;DataDir&gt;/tokenid.salts</c> (mode 0600) so ids stay stable.
/// </summary>
public static class TokenIdSalts
{
    /// <summary>The salts file name.</summary>
    public const string FileName = "tokenid.salts";

    /// <summary>The options with salts filled in.</summary>
    public static TokenIdOptions Resolve(TokenIdOptions configured, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (!string.IsNullOrEmpty(configured.UinSalt) && !string.IsNullOrEmpty(configured.PartnerCodeSalt))
        {
            return configured;
        }

        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            // Two processes (or threads) starting on a fresh data directory race here: exactly one complete file wins
            // (the others' attempts return false), and every caller reads that one.
            _ = ExclusiveFile.TryCreate(path, [Base64Url.Encode(RandomNumberGenerator.GetBytes(32)), Base64Url.Encode(RandomNumberGenerator.GetBytes(32))]);
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length < 2 || lines[0].Length == 0 || lines[1].Length == 0)
        {
            throw new InvalidOperationException($"{FileName} in the data directory is damaged: it must hold two salts, one per line.");
        }

        return new TokenIdOptions { UinSalt = lines[0], PartnerCodeSalt = lines[1], Length = configured.Length, Algorithm = configured.Algorithm };
    }
}
