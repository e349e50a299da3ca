using System.Text;
using Kavach.Crypto;
using Kavach.Crypto.Jose;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Repository.Whitelist;
using Kavach.Testing.Devices;

namespace Kavach.Devices.Tests.Repository.Whitelist;

/// <summary>Signed whitelist batches: import, four-eyes approval, all-or-nothing entry into the registry.</summary>
public sealed class WhitelistServiceTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private RepositoryHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = new RepositoryHarness(new DeviceRepositoryOptions { MaxBatchEntries = 50, MaxBatchBytes = 256 * 1024 });
        await _h.AddProviderWithModelAsync();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_signed_batch_approved_by_a_second_administrator_puts_every_device_in_the_registry_as_whitelisted()
    {
        var entries = RepositoryHarness.Entries(3);
        var file = _h.Pki.SignBatch("BATCH-2026-001", entries);

        var imported = await _h.Whitelist.ImportAsync(file, "alice", Ct);
        Assert.True(imported.IsSuccess, imported.Error?.Message);
        Assert.Equal(WhitelistBatchState.Pending, imported.Value.Batch.State);
        Assert.Equal(ApprovalKind.WhitelistImport, imported.Value.Approval.Kind);
        Assert.Null(await _h.Db.Store.GetDeviceAsync(entries[0].SerialNo, Ct));

        _h.Db.Time.Advance(TimeSpan.FromMinutes(10));
        var approved = await _h.Whitelist.ApproveAsync("BATCH-2026-001", "bob", Ct);

        Assert.True(approved.IsSuccess, approved.Error?.Message);
        Assert.Equal((WhitelistBatchState.Approved, "bob"), (approved.Value.State, approved.Value.DecidedBy));
        foreach (var entry in entries)
        {
            var device = await _h.Db.Store.GetDeviceAsync(entry.SerialNo, Ct);
            Assert.Equal(
                new DeviceRecord(entry.SerialNo, null, _h.Pki.ProviderId, "MOSIP", "SLAP01", "Finger", "Slap", "L1", "Auth", "Staging", entry.FtmCertSha256, null,
                    DeviceState.Whitelisted, 0, null, null, 0, false, "BATCH-2026-001", RepositoryHarness.Start.AddMinutes(10), 0),
                device);
        }

        Assert.Equal((ApprovalState.Approved, "devices=3"), ((await _h.Approvals.GetAsync(imported.Value.Approval.Id, Ct)).Value.State, (await _h.Approvals.GetAsync(imported.Value.Approval.Id, Ct)).Value.Outcome));
        string[] operations = ["device.whitelist.import", "device.whitelist.apply", "device.approval.approve"];
        Assert.All(operations, op => Assert.Contains(_h.Audit.Events, e => e.Operation == op && e.Outcome == "OK" && e.Subject is not null));
    }

    [Fact]
    public async Task Attack_self_approval_the_importer_cannot_approve_their_own_batch()
    {
        var entries = RepositoryHarness.Entries(2);
        await ImportAsync("BATCH-SELF", entries);

        var result = await _h.Whitelist.ApproveAsync("BATCH-SELF", "alice", Ct);

        Assert.Equal(DeviceRepositoryErrors.ApprovalBySameAdministrator, result.Error);
        Assert.Equal(WhitelistBatchState.Pending, (await _h.Whitelist.GetAsync("BATCH-SELF", Ct)).Value.State);
        Assert.Null(await _h.Db.Store.GetDeviceAsync(entries[0].SerialNo, Ct));
    }

    [Fact]
    public async Task Attack_rogue_factory_a_batch_signed_under_a_look_alike_CA_is_refused_and_nothing_is_stored()
    {
        var file = _h.Pki.SignBatch("BATCH-ROGUE", RepositoryHarness.Entries(1), signer: _h.Pki.RogueFactory);

        await AssertRefusedAsync(file, DeviceRepositoryErrors.BatchSignatureInvalid, "BATCH-ROGUE");
    }

    [Fact]
    public async Task Attack_tampered_batch_a_changed_payload_does_not_verify()
    {
        var file = _h.Pki.SignBatch("BATCH-TAMPER", RepositoryHarness.Entries(1));
        var parts = file.Split('.');
        var forged = _h.Pki.SignBatch("BATCH-TAMPER", RepositoryHarness.Entries(5), signer: _h.Pki.RogueFactory).Split('.')[1];

        await AssertRefusedAsync($"{parts[0]}.{forged}.{parts[2]}", DeviceRepositoryErrors.BatchSignatureInvalid, null);
    }

    [Fact]
    public async Task Attack_foreign_factory_a_factory_of_another_organisation_under_a_trusted_CA_cannot_sign_for_this_provider()
    {
        using var other = new DeviceProviderPki("OTHER.PROVIDER", "Other Devices Ltd", _h.Db.Time);
        Assert.True((await _h.Providers.AddAsync(new(other.ProviderId, other.Organization, "DEVICE", other.ProviderCa.Pem), "alice", Ct)).IsSuccess);

        var file = _h.Pki.SignBatch("BATCH-FOREIGN", RepositoryHarness.Entries(1), signer: other.Factory);

        await AssertRefusedAsync(file, DeviceRepositoryErrors.BatchSignatureInvalid, "BATCH-FOREIGN");
    }

    [Fact]
    public async Task Attack_ca_as_signer_a_batch_signed_by_the_provider_CA_key_itself_is_refused()
    {
        var file = _h.Pki.SignBatch("BATCH-CA", RepositoryHarness.Entries(1), signer: _h.Pki.ProviderCa);

        await AssertRefusedAsync(file, DeviceRepositoryErrors.BatchSignatureInvalid, "BATCH-CA");
    }

    public static TheoryData<string, string> HeaderTricks => new()
    {
        { "alg none", """{"alg":"none","typ":"kavach-whitelist+jws","x5c":["X"]}""" },
        { "HS256", """{"alg":"HS256","typ":"kavach-whitelist+jws","x5c":["X"]}""" },
        { "PS256", """{"alg":"PS256","typ":"kavach-whitelist+jws","x5c":["X"]}""" },
        { "RS512", """{"alg":"RS512","typ":"kavach-whitelist+jws","x5c":["X"]}""" },
        { "other typ", """{"alg":"RS256","typ":"JWT","x5c":["X"]}""" },
        { "jku", """{"alg":"RS256","typ":"kavach-whitelist+jws","x5c":["X"],"jku":"https://evil.example/keys"}""" },
        { "x5u", """{"alg":"RS256","typ":"kavach-whitelist+jws","x5c":["X"],"x5u":"https://evil.example/cert"}""" },
        { "kid", """{"alg":"RS256","typ":"kavach-whitelist+jws","x5c":["X"],"kid":"k1"}""" },
        { "x5c string", """{"alg":"RS256","typ":"kavach-whitelist+jws","x5c":"X"}""" },
        { "x5c two", """{"alg":"RS256","typ":"kavach-whitelist+jws","x5c":["X","X"]}""" },
        { "no x5c", """{"alg":"RS256","typ":"kavach-whitelist+jws"}""" },
    };

    [Theory]
    [MemberData(nameof(HeaderTricks))]
    public async Task Attack_header_tricks_are_refused_before_any_trust_is_given(string name, string header)
    {
        var x5c = JoseKeyIds.X5c(_h.Pki.Factory.Certificate);
        var encodedHeader = Base64Url.Encode(Encoding.UTF8.GetBytes(header.Replace("\"X\"", "\"" + x5c + "\"", StringComparison.Ordinal)));
        var payload = Base64Url.Encode(Encoding.UTF8.GetBytes("""{"batchId":"BATCH-HDR","providerId":"MOSIP.PROXY.SBI","entries":[]}"""));
        var signingInput = Encoding.ASCII.GetBytes(encodedHeader + "." + payload);
        var signature = _h.Pki.Factory.Key.SignData(signingInput, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);

        var result = await _h.Whitelist.ImportAsync($"{encodedHeader}.{payload}.{Base64Url.Encode(signature)}", "alice", Ct);

        Assert.False(result.IsSuccess, name);
        Assert.Contains(result.Error.Code, new[] { DeviceRepositoryErrors.BatchMalformed.Code, DeviceRepositoryErrors.BatchSignatureInvalid.Code });
        Assert.Empty(await _h.Whitelist.ListAsync(null, 100, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("!!!.???.###")]
    public async Task Malformed_batch_files_get_a_clear_error(string file)
    {
        var result = await _h.Whitelist.ImportAsync(file, "alice", Ct);

        Assert.Contains(result.Error!.Code, new[] { DeviceRepositoryErrors.BatchMalformed.Code, DeviceRepositoryErrors.InvalidRequest.Code });
        Assert.Empty(await _h.Whitelist.ListAsync(null, 100, Ct));
    }

    [Fact]
    public async Task An_entry_of_a_model_not_approved_for_the_provider_is_refused()
    {
        var entries = new[] { RepositoryHarness.Entries(1)[0], DeviceProviderPki.L1Entry("UNAPPROVED00001", new string('a', 64), model: "IRIS9") };

        await AssertRefusedAsync(_h.Pki.SignBatch("BATCH-MODEL", entries), DeviceRepositoryErrors.BatchModelNotApproved.Format("entries[1]"), "BATCH-MODEL");
    }

    [Fact]
    public async Task An_entry_whose_type_differs_from_the_approved_models_is_refused()
    {
        var entry = DeviceProviderPki.L1Entry("TYPEMISMATCH001", new string('a', 64), subType: "Single");

        await AssertRefusedAsync(_h.Pki.SignBatch("BATCH-TYPE", [entry]), DeviceRepositoryErrors.BatchModelNotApproved.Format("entries[0]"), "BATCH-TYPE");
    }

    [Fact]
    public async Task A_deactivated_model_admits_no_new_batch()
    {
        Assert.True((await _h.Models.DeactivateAsync("MODEL-SLAP01", "carol", Ct)).IsSuccess);

        await AssertRefusedAsync(_h.Pki.SignBatch("BATCH-DEACT", RepositoryHarness.Entries(1)), DeviceRepositoryErrors.BatchModelNotApproved.Format("entries[0]"), "BATCH-DEACT");
    }

    [Fact]
    public async Task A_serial_named_twice_in_a_batch_is_refused()
    {
        var entry = RepositoryHarness.Entries(1)[0];

        await AssertRefusedAsync(_h.Pki.SignBatch("BATCH-DUP", [entry, entry with { FtmCertSha256 = new string('b', 64) }]), DeviceRepositoryErrors.BatchDuplicateSerial.Format(entry.SerialNo), "BATCH-DUP");
    }

    [Fact]
    public async Task A_serial_already_registered_or_pending_in_another_batch_is_refused()
    {
        var entries = RepositoryHarness.Entries(2);
        await ImportAsync("BATCH-FIRST", entries);

        await AssertRefusedAsync(_h.Pki.SignBatch("BATCH-SECOND", [entries[1]]), DeviceRepositoryErrors.BatchDuplicateSerial.Format(entries[1].SerialNo), "BATCH-SECOND", expectedBatches: 1);

        Assert.True((await _h.Whitelist.ApproveAsync("BATCH-FIRST", "bob", Ct)).IsSuccess);
        await AssertRefusedAsync(_h.Pki.SignBatch("BATCH-THIRD", [entries[0]]), DeviceRepositoryErrors.BatchDuplicateSerial.Format(entries[0].SerialNo), "BATCH-THIRD", expectedBatches: 1);
    }

    [Fact]
    public async Task Never_half_a_batch_a_serial_registered_after_import_fails_the_whole_approval()
    {
        var entries = RepositoryHarness.Entries(3);
        var imported = await ImportAsync("BATCH-RACE", entries);
        var intruder = new DeviceRecord(entries[2].SerialNo, null, "OTHER", "X", "Y", "Finger", "Slap", "L1", "Auth", "Staging", null, null, DeviceState.Whitelisted, 0, null, null, 0, false, "OTHER", RepositoryHarness.Start, 0);
        Assert.True(await _h.Db.Store.TryInsertDevicesAsync([intruder], Ct));

        var result = await _h.Whitelist.ApproveAsync("BATCH-RACE", "bob", Ct);

        Assert.Equal(DeviceRepositoryErrors.BatchDuplicateSerial.Code, result.Error!.Code);
        Assert.Null(await _h.Db.Store.GetDeviceAsync(entries[0].SerialNo, Ct));
        Assert.Null(await _h.Db.Store.GetDeviceAsync(entries[1].SerialNo, Ct));
        Assert.Equal(WhitelistBatchState.Failed, (await _h.Whitelist.GetAsync("BATCH-RACE", Ct)).Value.State);
        Assert.Equal(ApprovalState.Failed, (await _h.Approvals.GetAsync(imported.Approval.Id, Ct)).Value.State);
    }

    [Fact]
    public async Task A_batch_whose_approval_cannot_be_opened_is_failed_and_frees_its_serials()
    {
        var store = _h.Db.Store;
        var withoutHandler = new ApprovalService(store, [], _h.Audit, _h.Db.Time);
        var whitelist = new WhitelistService(store, store, store, _h.Trust, withoutHandler, _h.Audit, new DeviceRepositoryOptions(), _h.Db.Time);
        var entries = RepositoryHarness.Entries(2);

        var result = await whitelist.ImportAsync(_h.Pki.SignBatch("BATCH-NOAPPROVAL", entries), "alice", Ct);

        Assert.Equal(DeviceRepositoryErrors.ApprovalKindNotHandled, result.Error);
        Assert.Equal(WhitelistBatchState.Failed, (await _h.Whitelist.GetAsync("BATCH-NOAPPROVAL", Ct)).Value.State);
        Assert.Empty(await store.FindKnownSerialsAsync([.. entries.Select(e => e.SerialNo)], Ct));
        var audited = _h.Audit.Events[^1];
        Assert.Equal(("device.whitelist.import", DeviceRepositoryErrors.ApprovalKindNotHandled.Code, "BATCH-NOAPPROVAL"), (audited.Operation, audited.Outcome, audited.Subject));
        await ImportAsync("BATCH-RETRY", entries);
    }

    [Fact]
    public async Task A_rejected_batch_puts_nothing_in_the_registry()
    {
        var entries = RepositoryHarness.Entries(2);
        await ImportAsync("BATCH-REJECT", entries);

        var rejected = await _h.Whitelist.RejectAsync("BATCH-REJECT", "bob", "unknown factory run", Ct);

        Assert.Equal((WhitelistBatchState.Rejected, "bob"), (rejected.Value.State, rejected.Value.DecidedBy));
        Assert.Null(await _h.Db.Store.GetDeviceAsync(entries[0].SerialNo, Ct));
        Assert.Equal(DeviceRepositoryErrors.ApprovalAlreadyDecided, (await _h.Whitelist.ApproveAsync("BATCH-REJECT", "carol", Ct)).Error);
    }

    [Fact]
    public async Task A_batch_id_is_imported_once()
    {
        await ImportAsync("BATCH-ONCE", RepositoryHarness.Entries(1));

        await AssertRefusedAsync(_h.Pki.SignBatch("BATCH-ONCE", RepositoryHarness.Entries(1)), DeviceRepositoryErrors.BatchExists, "BATCH-ONCE", expectedBatches: 1);
    }

    [Fact]
    public async Task Batches_over_the_entry_or_size_cap_are_refused()
    {
        await AssertRefusedAsync(_h.Pki.SignBatch("BATCH-BIG", RepositoryHarness.Entries(51)), DeviceRepositoryErrors.BatchTooLarge, "BATCH-BIG");
        await AssertRefusedAsync(new string('a', 300 * 1024), DeviceRepositoryErrors.BatchTooLarge, null);
    }

    [Fact]
    public async Task A_batch_of_an_unknown_provider_is_refused()
    {
        await AssertRefusedAsync(_h.Pki.SignBatch("BATCH-NOPROV", RepositoryHarness.Entries(1), providerId: "NOBODY"), DeviceRepositoryErrors.ProviderNotFound, "BATCH-NOPROV");
    }

    [Fact]
    public async Task An_L0_entry_with_a_one_time_secret_is_stored_with_its_hash_only_and_reaches_the_registry_on_approval()
    {
        var hash = L0Secret.Sha256Of(L0Secret.Create()).ToUpperInvariant();
        var imported = await ImportAsync("BATCH-L0SECRET", [DeviceProviderPki.L0SecretEntry("L0SECRET0000001", hash)]);

        var entry = Assert.Single(await _h.Db.Store.ListEntriesAsync(imported.Batch.BatchId, Ct));
        Assert.Equal((null, null, hash.ToLowerInvariant()), (entry.FtmCertSha256, entry.L0KeySha256, entry.L0SecretSha256));
        Assert.True((await _h.Whitelist.ApproveAsync("BATCH-L0SECRET", "bob", Ct)).IsSuccess);
        var device = await _h.Db.Store.GetDeviceAsync("L0SECRET0000001", Ct);
        Assert.Equal((null, hash.ToLowerInvariant()), (device!.L0KeySha256, device.L0SecretSha256));
    }

    public static TheoryData<string, WhitelistBatchEntry> BadEntries => new()
    {
        { "serialNo", DeviceProviderPki.L1Entry("SHORT1234", new string('a', 64)) },
        { "serialNo", DeviceProviderPki.L1Entry("SERIAL-000000001", new string('a', 64)) },
        { "type/deviceSubType", DeviceProviderPki.L1Entry("IRISSLAP0000001", new string('a', 64), type: "Iris", subType: "Slap") },
        { "type/deviceSubType", DeviceProviderPki.L1Entry("FACELOWER000001", new string('a', 64), type: "Face", subType: "full face") },
        { "purpose", DeviceProviderPki.L0Entry("L0AUTH000000001", new string('a', 64)) with { Purpose = "Auth" } },
        { "ftmCertSha256", DeviceProviderPki.L1Entry("NOFTMHASH000001", "abc") },
        { "ftmCertSha256", DeviceProviderPki.L1Entry("BOTHHASH0000001", new string('a', 64)) with { L0KeySha256 = new string('b', 64) } },
        { "l0KeySha256", DeviceProviderPki.L0Entry("L0NOKEY00000001", new string('a', 64)) with { L0KeySha256 = null } },
        { "l0SecretSha256", DeviceProviderPki.L0SecretEntry("L0SECRETBAD0001", "abc") },
        { "l0SecretSha256", DeviceProviderPki.L0SecretEntry("L0KEYSECRET0001", new string('a', 64)) with { L0KeySha256 = new string('b', 64) } },
        { "ftmCertSha256", DeviceProviderPki.L1Entry("L1SECRET0000001", new string('a', 64)) with { L0SecretSha256 = new string('b', 64) } },
        { "env", DeviceProviderPki.L1Entry("BADENV000000001", new string('a', 64)) with { Env = "Prod" } },
        { "certification", DeviceProviderPki.L1Entry("BADCERT00000001", new string('a', 64)) with { Certification = "L2" } },
        { "make", DeviceProviderPki.L1Entry("LONGMAKE0000001", new string('a', 64), make: new string('M', 37)) },
    };

    [Theory]
    [MemberData(nameof(BadEntries))]
    public async Task Entries_breaking_a_field_rule_are_refused_with_the_field_named(string field, WhitelistBatchEntry entry)
    {
        await AssertRefusedAsync(_h.Pki.SignBatch("BATCH-BAD", [entry]), DeviceRepositoryErrors.BatchMalformed.Format("entries[0]." + field), "BATCH-BAD");
    }

    [Theory]
    [InlineData("""{"batchId":"B1","providerId":"MOSIP.PROXY.SBI","entries":[],"extra":1}""")]
    [InlineData("""{"batchId":"B1","batchId":"B2","providerId":"MOSIP.PROXY.SBI","entries":[]}""")]
    [InlineData("""{"providerId":"MOSIP.PROXY.SBI","entries":[]}""")]
    [InlineData("""{"batchId":null,"providerId":"MOSIP.PROXY.SBI","entries":[]}""")]
    [InlineData("""{"batchId":"B1","providerId":"MOSIP.PROXY.SBI","entries":{}}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"batchId":"B1","providerId":"MOSIP.PROXY.SBI","entries":[{"serialNo":"SERIAL000000001","make":"MOSIP","model":"SLAP01","type":"Finger","deviceSubType":"Slap","certification":"L1","purpose":"Auth","env":"Staging","ftmCertSha256":"aa","bioValue":"x"}]}""")]
    public async Task Signed_payloads_with_unknown_duplicate_missing_or_mistyped_members_are_refused(string payload)
    {
        var file = _h.Pki.SignPayload(Encoding.UTF8.GetBytes(payload));

        await AssertRefusedAsync(file, DeviceRepositoryErrors.BatchMalformed.Format("payload"), null);
    }

    private async Task<WhitelistImport> ImportAsync(string batchId, IReadOnlyList<WhitelistBatchEntry> entries)
    {
        var imported = await _h.Whitelist.ImportAsync(_h.Pki.SignBatch(batchId, entries), "alice", Ct);
        Assert.True(imported.IsSuccess, imported.Error?.Message);
        return imported.Value;
    }

    private async Task AssertRefusedAsync(string file, Kavach.Keys.Errors.KavachError expected, string? auditedSubject, int expectedBatches = 0)
    {
        var result = await _h.Whitelist.ImportAsync(file, "alice", Ct);

        Assert.Equal(expected, result.Error);
        Assert.Equal(expectedBatches, (await _h.Whitelist.ListAsync(null, 100, Ct)).Count);
        Assert.Empty(await _h.Db.Store.ListDevicesAsync(new DeviceQuery(State: DeviceState.Whitelisted, ProviderId: _h.Pki.ProviderId), Ct) is { } devices && expectedBatches == 0 ? devices : []);
        var audited = _h.Audit.Events[^1];
        Assert.Equal(("device.whitelist.import", "alice", expected.Code, auditedSubject), (audited.Operation, audited.Actor, audited.Outcome, audited.Subject));
    }
}
