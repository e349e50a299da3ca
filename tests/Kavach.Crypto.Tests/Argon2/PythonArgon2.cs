using System.Text.Json;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Argon2;

/// <summary>Argon2id through python3-argon2 (<c>argon2.low_level.hash_secret_raw</c>, type ID, version 0x13).</summary>
internal static class PythonArgon2
{
    private const string Script = """
        import json, sys
        from argon2.low_level import Type, hash_secret_raw
        out = [hash_secret_raw(bytes.fromhex(pw), bytes.fromhex(salt), t, m, p, n, type=Type.ID, version=19).hex()
               for pw, salt, t, m, p, n in json.load(sys.stdin)]
        json.dump(out, sys.stdout)
        """;

    /// <summary>Hashes every input in one Python process and returns lowercase hex.</summary>
    internal static IReadOnlyList<string> Run(IReadOnlyList<Argon2Input> inputs)
    {
        string request = JsonSerializer.Serialize(inputs.Select(i => new object[]
        {
            Bytes.Hex(i.Password), Bytes.Hex(i.Salt), i.Iterations, i.MemoryKiB, i.Parallelism, i.HashLength,
        }));
        List<string> results = JsonSerializer.Deserialize<List<string>>(ExternalTool.Python(Script, request))
            ?? throw new InvalidOperationException("python3 printed no results.");
        Assert.Equal(inputs.Count, results.Count);
        return results;
    }
}
