namespace Kavach.Crypto.Tests.TestSupport;

/// <summary>Test vectors from RFC 8032, section 7.1 (TEST 1 and TEST 2).</summary>
internal static class Rfc8032
{
    internal static readonly byte[] Secret1 = Bytes.FromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    internal static readonly byte[] Public1 = Bytes.FromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    internal static readonly byte[] Message1 = [];
    internal static readonly byte[] Signature1 = Bytes.FromHex(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

    internal static readonly byte[] Secret2 = Bytes.FromHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
    internal static readonly byte[] Public2 = Bytes.FromHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
    internal static readonly byte[] Message2 = [0x72];
    internal static readonly byte[] Signature2 = Bytes.FromHex(
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
}
