using System.Security.Cryptography;
using System.Text;
using Kavach.Crypto.Argon2;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Argon2;

public sealed class Argon2idTests
{
    // The reference implementation's own Argon2id (v=19) tests: phc-winner-argon2 src/test.c.
    [Theory]
    [InlineData(2, 65536, 1, "password", "somesalt", "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7")]
    [InlineData(2, 256, 1, "password", "somesalt", "9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe")]
    [InlineData(2, 256, 2, "password", "somesalt", "6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037")]
    [InlineData(1, 65536, 1, "password", "somesalt", "f6a5adc1ba723dddef9b5ac1d464e180fcd9dffc9d1cbf76cca2fed795d9ca98")]
    [InlineData(4, 65536, 1, "password", "somesalt", "9025d48e68ef7395cca9079da4c4ec3affb3c8911fe4f86d1a2520856f63172c")]
    [InlineData(2, 65536, 1, "differentpassword", "somesalt", "0b84d652cf6b0c4beaef0dfe278ba6a80df6696281d7e0d2891b817d8c458fde")]
    [InlineData(2, 65536, 1, "password", "diffsalt", "bdf32b05ccc42eb15d58fd19b1f856b113da1e9a5874fdcc544308565aa8141c")]
    public void Reference_implementation_vectors(int iterations, int memoryKiB, int parallelism, string password, string salt, string hex)
    {
        byte[] hash = Argon2id.Hash(Encoding.ASCII.GetBytes(password), Encoding.ASCII.GetBytes(salt), iterations, memoryKiB, parallelism);
        Assert.Equal(hex, Bytes.Hex(hash));
        Assert.Equal(hex, Bytes.Hex(Argon2id.Hash(password, Encoding.ASCII.GetBytes(salt), iterations, memoryKiB, parallelism)));
    }

    [Fact]
    public void Agrees_with_python_argon2_across_parameters()
    {
        var random = new Random(42);
        var inputs = new List<Argon2Input>();
        foreach (int saltLength in new[] { 8, 16, 24, 32, 64 })
        {
            foreach (int passwordLength in new[] { 0, 1, 11, 1000 })
            {
                inputs.Add(new Argon2Input(Bytes.Random(random, passwordLength), Bytes.Random(random, saltLength), 1 + (passwordLength % 3), 64, 1, 32));
            }
        }

        foreach ((int t, int m, int p) in new[] { (1, 8, 1), (2, 16, 2), (3, 256, 4), (1, 1024, 8), (2, 4096, 3) })
        {
            foreach (int hashLength in new[] { 4, 16, 32, 64, 100 })
            {
                inputs.Add(new Argon2Input(Bytes.Random(random, 20), Bytes.Random(random, 16), t, m, p, hashLength));
            }
        }

        IReadOnlyList<string> expected = PythonArgon2.Run(inputs);

        for (int i = 0; i < inputs.Count; i++)
        {
            Argon2Input input = inputs[i];
            Assert.Equal(expected[i], Bytes.Hex(Argon2id.Hash(input.Password, input.Salt, input.Iterations, input.MemoryKiB, input.Parallelism, input.HashLength)));
        }
    }

    [Fact]
    public void Agrees_with_python_argon2_at_mosips_parameters()
    {
        // MOSIP: iterations 10, 65536 KiB, parallelism 2, 32-byte output; inputData is a string, hashed as UTF-8.
        string[] inputs = ["{\"individualId\":\"4567890123\"}", "नमस्ते"];
        byte[][] salts = [Bytes.Random(new Random(1), 24), "somesalt"u8.ToArray()];
        var requests = inputs.Select((text, i) => new Argon2Input(Encoding.UTF8.GetBytes(text), salts[i], 10, 65536, 2, 32)).ToList();

        IReadOnlyList<string> expected = PythonArgon2.Run(requests);

        for (int i = 0; i < inputs.Length; i++)
        {
            byte[] hash = Argon2id.Hash(inputs[i], salts[i], Argon2id.MosipIterations, Argon2id.MosipMemoryKiB, Argon2id.MosipParallelism);
            Assert.Equal(32, hash.Length);
            Assert.Equal(expected[i], Bytes.Hex(hash));
        }
    }

    [Fact]
    public void String_input_is_utf8_with_unpaired_surrogates_as_question_marks_like_java()
    {
        byte[] salt = "saltsalt"u8.ToArray();
        Assert.Equal(Argon2id.Hash("पासवर्ड 😀"u8, salt, 1, 64, 1), Argon2id.Hash("पासवर्ड 😀", salt, 1, 64, 1));
        Assert.Equal(Argon2id.Hash("ab?"u8, salt, 1, 64, 1), Argon2id.Hash("ab\uD83D", salt, 1, 64, 1));
        Assert.Equal(Argon2id.Hash([], salt, 1, 64, 1), Argon2id.Hash(string.Empty, salt, 1, 64, 1));
    }

    [Fact]
    public void Library_refusals_become_one_generic_cryptographic_exception()
    {
        byte[] salt = "saltsalt"u8.ToArray();
        var tooShortSalt = Assert.Throws<CryptographicException>(() => Argon2id.Hash("pw"u8, "salt"u8, 1, 64, 1));
        var noSalt = Assert.Throws<CryptographicException>(() => Argon2id.Hash("pw"u8, [], 1, 64, 1));
        var tooLittleMemory = Assert.Throws<CryptographicException>(() => Argon2id.Hash("pw"u8, salt, 1, 7, 1));
        var memoryBelowLanes = Assert.Throws<CryptographicException>(() => Argon2id.Hash("pw"u8, salt, 1, 16, 4));
        Assert.All(new[] { tooShortSalt, noSalt, tooLittleMemory, memoryBelowLanes }, e => Assert.Equal("Argon2id hashing failed.", e.Message));
        Assert.Equal(32, Argon2id.Hash("pw"u8, salt, 1, 8, 1).Length);
    }

    [Fact]
    public void Caller_bugs_are_argument_exceptions()
    {
        byte[] salt = "saltsalt"u8.ToArray();
        Assert.Throws<ArgumentOutOfRangeException>(() => Argon2id.Hash("pw"u8, salt, 0, 64, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Argon2id.Hash("pw"u8, salt, 1, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Argon2id.Hash("pw"u8, salt, 1, 64, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Argon2id.Hash("pw"u8, salt, 1, 64, 1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Argon2id.Hash("pw"u8, salt, -1, 64, 1));
        Assert.Throws<ArgumentNullException>(() => Argon2id.Hash((string)null!, salt, 1, 64, 1));
        Assert.Equal(4, Argon2id.Hash("pw"u8, salt, 1, 64, 1, 4).Length);
    }
}
