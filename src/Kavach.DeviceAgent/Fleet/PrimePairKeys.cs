using System.Numerics;
using System.Security.Cryptography;

namespace Kavach.DeviceAgent.Fleet;

/// <summary>
/// Distinct RSA-2048 keys for simulated devices at a fraction of the cost of generating each: making a key is finding
/// two 1,024-bit primes, so a pool of n primes (taken from n/2 generated keys) gives n(n-1)/2 keys, each the product of
/// a pair no other key uses. Every key has its own modulus, so the server sees a new key each time, as from a real
/// device. Keys that share a prime are factorable by anyone holding both moduli (a GCD): for simulated devices only.
/// </summary>
internal sealed class PrimePairKeys : IDisposable
{
    private const int ModulusBits = 2048;
    private const int HalfBytes = ModulusBits / 16;
    private static readonly BigInteger PublicExponent = 65537;

    private readonly BigInteger[] _primes;
    private readonly long _pairs;
    private long _next = -1;

    /// <summary>A pool with primes for at least <paramref name="keys"/> keys; the primes are made here, one key per core at a time.</summary>
    public PrimePairKeys(int keys)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keys, 1);
        var primes = 2;
        while ((long)primes * (primes - 1) / 2 < keys)
        {
            primes++;
        }

        var generated = new BigInteger[(primes + 1) / 2 * 2];
        Parallel.For(0, generated.Length / 2, i =>
        {
            using var rsa = RSA.Create(ModulusBits);
            var parameters = rsa.ExportParameters(includePrivateParameters: true);
            generated[2 * i] = new BigInteger(parameters.P, isUnsigned: true, isBigEndian: true);
            generated[(2 * i) + 1] = new BigInteger(parameters.Q, isUnsigned: true, isBigEndian: true);
            CryptographicOperations.ZeroMemory(parameters.D);
            CryptographicOperations.ZeroMemory(parameters.P);
            CryptographicOperations.ZeroMemory(parameters.Q);
            CryptographicOperations.ZeroMemory(parameters.DP);
            CryptographicOperations.ZeroMemory(parameters.DQ);
            CryptographicOperations.ZeroMemory(parameters.InverseQ);
        });
        _primes = generated;
        _pairs = (long)generated.Length * (generated.Length - 1) / 2;
    }

    /// <summary>The next key (PKCS#8), or null when every pair is used.</summary>
    public byte[]? Next()
    {
        while (true)
        {
            var index = Interlocked.Increment(ref _next);
            if (index >= _pairs)
            {
                return null;
            }

            var (i, j) = PairAt(index);
            if (Build(_primes[i], _primes[j]) is { } key)
            {
                return key;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => Array.Clear(_primes);

    // The index-th pair (i < j) in the order (0,1), (0,2), (1,2), (0,3), ...
    private static (int I, int J) PairAt(long index)
    {
        var j = (long)((1 + Math.Sqrt(1 + (8.0 * index))) / 2);
        while (j * (j - 1) / 2 > index)
        {
            j--;
        }

        while ((j + 1) * j / 2 <= index)
        {
            j++;
        }

        return ((int)(index - (j * (j - 1) / 2)), (int)j);
    }

    // The key with primes p and q (e = 65537, d modulo lcm(p-1, q-1) as FIPS 186 makes it); null when the product is not
    // 2,048 bits or e is not invertible (never with OpenSSL's primes, checked all the same).
    private static byte[]? Build(BigInteger p, BigInteger q)
    {
        if (p < q)
        {
            (p, q) = (q, p);
        }

        var n = p * q;
        var lambda = (p - 1) / BigInteger.GreatestCommonDivisor(p - 1, q - 1) * (q - 1);
        if (n.GetBitLength() != ModulusBits || BigInteger.GreatestCommonDivisor(PublicExponent, lambda) != 1)
        {
            return null;
        }

        var d = Inverse(PublicExponent, lambda);
        var parameters = new RSAParameters
        {
            Modulus = Bytes(n, 2 * HalfBytes),
            Exponent = Bytes(PublicExponent, 3),
            D = Bytes(d, 2 * HalfBytes),
            P = Bytes(p, HalfBytes),
            Q = Bytes(q, HalfBytes),
            DP = Bytes(d % (p - 1), HalfBytes),
            DQ = Bytes(d % (q - 1), HalfBytes),
            InverseQ = Bytes(Inverse(q, p), HalfBytes),
        };
        try
        {
            using var rsa = RSA.Create(parameters);
            return rsa.ExportPkcs8PrivateKey();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
            CryptographicOperations.ZeroMemory(parameters.P);
            CryptographicOperations.ZeroMemory(parameters.Q);
            CryptographicOperations.ZeroMemory(parameters.DP);
            CryptographicOperations.ZeroMemory(parameters.DQ);
            CryptographicOperations.ZeroMemory(parameters.InverseQ);
        }
    }

    // a⁻¹ mod m by the extended Euclidean algorithm (gcd(a, m) = 1).
    private static BigInteger Inverse(BigInteger a, BigInteger m)
    {
        BigInteger oldR = a % m, r = m, oldS = 1, s = 0;
        while (r != 0)
        {
            var quotient = oldR / r;
            (oldR, r) = (r, oldR - (quotient * r));
            (oldS, s) = (s, oldS - (quotient * s));
        }

        var inverse = oldS % m;
        return inverse.Sign < 0 ? inverse + m : inverse;
    }

    // Big-endian, unsigned, left-padded to length bytes (RSAParameters wants fixed lengths).
    private static byte[] Bytes(BigInteger value, int length)
    {
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (raw.Length == length)
        {
            return raw;
        }

        var padded = new byte[length];
        raw.CopyTo(padded, length - raw.Length);
        CryptographicOperations.ZeroMemory(raw);
        return padded;
    }
}
