using System.Security.Cryptography;
using Kavach.Devices.Tests.Support;
using Kavach.Devices.Transparency;
using Kavach.Keys.Vault;

namespace Kavach.Devices.Tests.Transparency;

/// <summary>The transparency log over a real store; run on SQLite and PostgreSQL by the subclasses.</summary>
public abstract class TransparencyLogContractTests : IAsyncLifetime
{
    private DeviceStoreHarness? _harness;

    protected DeviceStoreHarness Harness => _harness!;

    private static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync() => _harness = await CreateHarnessAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    [Fact]
    public async Task Appended_entries_are_in_a_signed_tree_head_and_their_inclusion_proofs_verify_with_the_pinned_certificate()
    {
        using var log = Harness.NewLog();
        var entries = Enumerable.Range(0, 5).Select(i => Issued($"SERIAL00000{i}", Ftm(i), CertSerial(i))).ToList();
        foreach (var entry in entries)
        {
            Assert.True((await log.AppendAsync(entry, Ct)).IsSuccess);
        }

        var head = await log.GetTreeHeadAsync(Ct);
        var certificate = (await log.GetSigningCertificatesAsync(Ct))[0];
        Assert.Equal(5, head.TreeSize);
        Assert.Null(TransparencyVerifier.VerifyTreeHead(head, certificate));

        // The log key is a data-signing end entity: it can never issue a certificate or a CRL.
        Assert.False(KeyUsageRules.CanIssue(certificate));

        for (var i = 0; i < entries.Count; i++)
        {
            var leaf = TransparencyEntryCodec.Encode(entries[i] with { Time = DateTimeOffset.FromUnixTimeMilliseconds(entries[i].Time.ToUnixTimeMilliseconds()) });
            var proof = await log.GetInclusionProofAsync(Convert.ToHexStringLower(MerkleHashes.Leaf(leaf)), null, Ct);
            Assert.True(proof.IsSuccess, proof.Error?.Message);
            Assert.Equal(i, proof.Value.Proof.LeafIndex);

            // Through the JSON documents, as the CLI reads them.
            Assert.True(TransparencyDocuments.TryReadTreeHead(TransparencyDocuments.Write(head), out var readHead));
            Assert.True(TransparencyDocuments.TryReadInclusion(TransparencyDocuments.Write(proof.Value.Proof, proof.Value.Leaf), out var readProof, out var readLeaf));
            Assert.Null(TransparencyVerifier.VerifyInclusion(readHead, certificate, readLeaf, readProof));
            Assert.True(TransparencyEntryCodec.TryDecode(readLeaf, out var decoded));
            Assert.Equal(entries[i].SerialNo, decoded.SerialNo);
        }
    }

    [Fact]
    public async Task A_later_tree_head_is_provably_consistent_with_an_earlier_one_and_a_rewritten_one_is_not()
    {
        using var log = Harness.NewLog();
        for (var i = 0; i < 3; i++)
        {
            await log.AppendAsync(Issued($"SERIALA0000{i}", Ftm(i), CertSerial(i)), Ct);
        }

        var older = await log.GetTreeHeadAsync(Ct);
        for (var i = 3; i < 11; i++)
        {
            await log.AppendAsync(Issued($"SERIALA0000{i}", Ftm(i), CertSerial(i)), Ct);
        }

        var newer = await log.GetTreeHeadAsync(Ct);
        var certificate = (await log.GetSigningCertificatesAsync(Ct))[0];
        var proof = await log.GetConsistencyProofAsync(older.TreeSize, newer.TreeSize, Ct);
        Assert.True(TransparencyDocuments.TryReadConsistency(TransparencyDocuments.Write(proof.Value), out var readProof));
        Assert.Null(TransparencyVerifier.VerifyConsistency(older, newer, certificate, readProof));
        Assert.Equal(older.Signature, (await log.GetTreeHeadAsync(older.TreeSize, Ct)).Value.Signature);

        // Attack: a log that rewrote history signs a head whose older prefix differs — the auditor's check fails.
        var forgedRoot = MerkleHashes.Leaf("rewritten"u8);
        var (signature, _) = await new VaultSigningKey(TransparencyLog.SigningKeyApplicationId, "Kavach Device Transparency Log", 730, Harness.Ring, Harness.Store, Harness.Vault, new Kavach.Keys.Certificates.SubjectDefaults(), Harness.Time)
            .SignAsync(SignedTreeHead.SignedBytes(older.TreeSize, forgedRoot, older.Timestamp), Ct);
        var forged = older with { RootHash = forgedRoot, Signature = signature };
        Assert.Null(TransparencyVerifier.VerifyTreeHead(forged, certificate));
        Assert.NotNull(TransparencyVerifier.VerifyConsistency(forged, newer, certificate, readProof));

        // A head signed by another key than the pinned one is refused.
        using var rogue = RSA.Create(2048);
        Assert.NotNull(TransparencyVerifier.VerifyTreeHead(newer with { Signature = rogue.SignData(SignedTreeHead.SignedBytes(newer.TreeSize, newer.RootHash, newer.Timestamp), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1) }, certificate));

        Assert.Equal(TransparencyErrors.InvalidTreeSize.Code, (await log.GetConsistencyProofAsync(5, 3, Ct)).Error!.Code);
        Assert.Equal(TransparencyErrors.InvalidTreeSize.Code, (await log.GetConsistencyProofAsync(1, 99, Ct)).Error!.Code);
        Assert.Equal(TransparencyErrors.InvalidEntry.Code, (await log.GetInclusionProofAsync("zz", null, Ct)).Error!.Code);
        Assert.Equal(TransparencyErrors.LeafNotFound.Code, (await log.GetInclusionProofAsync(new string('a', 64), null, Ct)).Error!.Code);
    }

    [Fact]
    public async Task Two_replicas_appending_at_once_never_fork_the_tree()
    {
        await using var replica = await Harness.ReplicaAsync();
        using var first = Harness.NewLog();
        using var second = replica.NewLog();
        var appends = Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
            (await (i % 2 == 0 ? first : second).AppendAsync(Issued($"RACE{i:D8}", Ftm(100 + i), CertSerial(100 + i)), Ct)).Value));
        var indexes = await Task.WhenAll(appends);

        Assert.Equal(Enumerable.Range(0, 24).Select(i => (long)i), indexes.Order());
        var a = await first.GetTreeHeadAsync(Ct);
        var b = await second.GetTreeHeadAsync(Ct);
        Assert.Equal(24, a.TreeSize);
        Assert.Equal(a.RootHash, b.RootHash);

        // Every replica-signed head in between is a prefix of the final tree.
        var certificate = (await first.GetSigningCertificatesAsync(Ct))[0];
        for (long size = 1; size < 24; size++)
        {
            if ((await first.GetTreeHeadAsync(size, Ct)) is { IsSuccess: true } head)
            {
                Assert.Null(TransparencyVerifier.VerifyConsistency(head.Value, a, certificate, (await first.GetConsistencyProofAsync(size, 24, Ct)).Value));
            }
        }
    }

    [Fact]
    public async Task One_FTM_chip_under_two_devices_is_found_by_the_log_check()
    {
        using var log = Harness.NewLog();
        await log.AppendAsync(Issued("CLEAN0000001", Ftm(1), CertSerial(1)), Ct);
        await log.AppendAsync(Issued("CLEAN0000001", Ftm(1), CertSerial(2)) with { Kind = TransparencyEventKind.CertificateRotated, PreviousCertSerial = CertSerial(1) }, Ct);
        Assert.Empty(await log.FindFtmConflictsAsync(Ct));

        await log.AppendAsync(Issued("CLONE0000002", Ftm(1), CertSerial(3)), Ct);
        var conflict = Assert.Single(await log.FindFtmConflictsAsync(Ct));
        Assert.Equal(Ftm(1), conflict.FtmCertSha256);
        Assert.Equal(["CLEAN0000001", "CLONE0000002"], conflict.SerialNos);
        Assert.Equal([0L, 1L, 2L], conflict.LeafIndexes);
    }

    [Fact]
    public async Task Entries_with_personal_or_malformed_fields_are_refused_and_nothing_is_appended()
    {
        using var log = Harness.NewLog();
        var bad = new[]
        {
            Issued("SERIAL000001", "NOT-HEX", CertSerial(1)),
            Issued("SERIAL000001", Ftm(1), "lowercase0a"),
            Issued("with space in it", Ftm(1), CertSerial(1)),
            Issued("SERIAL000001", Ftm(1), CertSerial(1)) with { Reason = "<script>" },
            new TransparencyEntry(TransparencyEventKind.ReleasePublished, Harness.Time.GetUtcNow(), SerialNo: "SERIAL000001"),
        };
        foreach (var entry in bad)
        {
            Assert.Equal(TransparencyErrors.InvalidEntry.Code, (await log.AppendAsync(entry, Ct)).Error!.Code);
        }

        Assert.Equal(0, await Harness.Store.GetLeafCountAsync(Ct));
    }

    protected abstract Task<DeviceStoreHarness> CreateHarnessAsync();

    private TransparencyEntry Issued(string serial, string ftm, string certSerial) =>
        new(TransparencyEventKind.CertificateIssued, Harness.Time.GetUtcNow(), serial, ftm, certSerial, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(certSerial))));

    private static string Ftm(int i) => Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)));

    private static string CertSerial(int i) => (0x4000_0000 + i).ToString("X8", System.Globalization.CultureInfo.InvariantCulture) + "AB";
}
