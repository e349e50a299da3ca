using System.Security.Cryptography;
using Kavach.Crypto;
using Kavach.Keys.TokenIds;

namespace Kavach.Server.Composition;

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
        if (!string.IsNullOrEmpty(configured.UinSalt) && !string.IsNullOrEmpty(configured.PartnerCodeSalt))
        {
            return configured;
        }

        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            try
            {
                using var stream = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
                using var writer = new StreamWriter(stream);
                writer.WriteLine(Base64Url.Encode(RandomNumberGenerator.GetBytes(32)));
                writer.WriteLine(Base64Url.Encode(RandomNumberGenerator.GetBytes(32)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process wrote it first.
            }
        }

        var lines = File.ReadAllLines(path);
        return new TokenIdOptions { UinSalt = lines[0], PartnerCodeSalt = lines[1], Length = configured.Length, Algorithm = configured.Algorithm };
    }
}
