namespace Kavach.Crypto.Tests.TestSupport;

/// <summary>One AES-GCM operation for an independent implementation; <c>Operation</c> is "enc" or "dec".</summary>
internal sealed record GcmRequest(string Operation, byte[] Key, byte[] Iv, byte[] Data, byte[] Aad);
