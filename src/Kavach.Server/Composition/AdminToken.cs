using System.Security.Cryptography;
using System.Text;
using Kavach.Crypto;

namespace Kavach.Server.Composition;

/// <summary>
/// The local operator's bearer token: generated on first start into <c>&lt;data dir&gt;/admin.token</c> (mode 0600).
/// Only its SHA-256 is kept in memory; presented tokens are compared in constant time.
/// </summary>
public sealed class AdminToken
{
    /// <summary>The token file name inside the data directory.</summary>
    public const string FileName = "admin.token";

    private readonly byte[] _hash;

    private AdminToken(byte[] hash, string path, bool created)
    {
        _hash = hash;
        FilePath = path;
        Created = created;
    }

    /// <summary>Where the token is.</summary>
    public string FilePath { get; }

    /// <summary>True when this start created the token.</summary>
    public bool Created { get; }

    /// <summary>Reads the token file, creating it with a fresh random token when it does not exist.</summary>
    public static AdminToken LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        var created = false;
        if (!File.Exists(path))
        {
            var token = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
            try
            {
                using var stream = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
                stream.Write(Encoding.ASCII.GetBytes(token + "\n"));
                created = true;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }

        var text = File.ReadAllText(path).Trim();
        return new AdminToken(SHA256.HashData(Encoding.UTF8.GetBytes(text)), path, created);
    }

    /// <summary>True when <paramref name="presented"/> is the admin token.</summary>
    public bool Matches(ReadOnlySpan<char> presented)
    {
        var bytes = Encoding.UTF8.GetBytes(presented.ToArray());
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(bytes), _hash);
    }
}
