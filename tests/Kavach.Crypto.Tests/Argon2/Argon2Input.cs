namespace Kavach.Crypto.Tests.Argon2;

/// <summary>One Argon2id computation.</summary>
internal sealed record Argon2Input(byte[] Password, byte[] Salt, int Iterations, int MemoryKiB, int Parallelism, int HashLength);
