using System.Text;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.Devices.Updates.Verification;

namespace Kavach.Devices.Tests.Updates.Verification;

/// <summary>The device-side checks of signed update metadata: what a genuine release passes and every §5.3 update attack on the metadata.</summary>
public sealed class UpdateVerifierTests
{
    private static readonly TrustDocument Trust = UpdateDocuments.Trust();

    [Fact]
    public void A_genuine_trust_document_timestamp_and_release_verify()
    {
        var trust = UpdateVerifier.VerifyTrust(UpdateDocuments.SignedTrust(), UpdateTestKeys.RootKeys, 1, null, UpdateDocuments.Now);
        Assert.True(trust.IsAccepted);
        Assert.Equal(Trust, trust.Value! with { ReleaseKeys = Trust.ReleaseKeys, TimestampKeys = Trust.TimestampKeys });

        var release = UpdateDocuments.SignedRelease();
        var check = UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(release), release, trust.Value!, UpdateDocuments.Device());

        Assert.Equal(UpdateRefusal.None, check.Refusal);
        Assert.Equal(5, check.Value!.Manifest.ReleaseCounter);
        Assert.Equal(UpdateDocuments.HardwareId, Assert.Single(check.Value.Manifest.HardwareIds));
    }

    [Fact]
    public void Reformatted_json_keeps_its_signatures_because_they_cover_the_canonical_form()
    {
        var release = UpdateDocuments.SignedRelease();
        var node = JsonNode.Parse(release)!.AsObject();
        var pretty = Encoding.UTF8.GetBytes(node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

        var check = UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(pretty), pretty, Trust, UpdateDocuments.Device());

        Assert.Equal(UpdateRefusal.None, check.Refusal);
    }

    [Fact]
    public void Attack_unsigned_manifest_is_refused()
    {
        var unsigned = StripSignatures(UpdateDocuments.SignedRelease());

        var check = UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(unsigned), unsigned, Trust, UpdateDocuments.Device());

        Assert.Equal(UpdateRefusal.Unsigned, check.Refusal);
        Assert.Null(check.Value);
    }

    [Fact]
    public void Attack_manifest_signed_by_the_timestamp_key_instead_of_a_release_key_is_refused()
    {
        var release = UpdateDocuments.SignedRelease(null, UpdateTestKeys.Timestamp);

        var check = UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(release), release, Trust, UpdateDocuments.Device());

        Assert.Equal(UpdateRefusal.SignatureNotTrusted, check.Refusal);
    }

    [Fact]
    public void Attack_timestamp_signed_by_a_release_key_is_refused()
    {
        var release = UpdateDocuments.SignedRelease();
        var timestamp = UpdateDocuments.SignedTimestamp(release, signer: UpdateTestKeys.Release);

        Assert.Equal(UpdateRefusal.SignatureNotTrusted, UpdateVerifier.VerifyRelease(timestamp, release, Trust, UpdateDocuments.Device()).Refusal);
    }

    [Fact]
    public void Attack_manifest_altered_after_signing_is_refused()
    {
        var node = JsonNode.Parse(UpdateDocuments.SignedRelease())!.AsObject();
        node["signed"]!["hardwareIds"] = new JsonArray("MOSIP/OTHER01", UpdateDocuments.HardwareId);
        var altered = Encoding.UTF8.GetBytes(node.ToJsonString());

        var check = UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(altered), altered, Trust, UpdateDocuments.Device());

        Assert.Equal(UpdateRefusal.SignatureNotTrusted, check.Refusal);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Attack_rollback_to_a_release_counter_not_above_the_installed_one_is_refused(long installed)
    {
        var release = UpdateDocuments.SignedRelease();

        var check = UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(release), release, Trust, UpdateDocuments.Device(installed));

        Assert.Equal(UpdateRefusal.Rollback, check.Refusal);
    }

    [Fact]
    public void Attack_freeze_with_an_expired_timestamp_is_refused()
    {
        var release = UpdateDocuments.SignedRelease();
        var stale = UpdateDocuments.SignedTimestamp(release, expires: UpdateDocuments.Now.AddHours(-1));

        Assert.Equal(UpdateRefusal.Expired, UpdateVerifier.VerifyRelease(stale, release, Trust, UpdateDocuments.Device()).Refusal);
    }

    [Fact]
    public void Attack_freeze_at_the_exact_expiry_instant_is_refused()
    {
        var release = UpdateDocuments.SignedRelease();
        var timestamp = UpdateDocuments.SignedTimestamp(release, expires: UpdateDocuments.Now);

        Assert.Equal(UpdateRefusal.Expired, UpdateVerifier.VerifyRelease(timestamp, release, Trust, UpdateDocuments.Device()).Refusal);
    }

    [Fact]
    public void An_expired_manifest_or_trust_document_is_refused_too()
    {
        var expiredRelease = UpdateDocuments.SignedRelease(UpdateDocuments.Release(expires: UpdateDocuments.Now.AddSeconds(-1)));
        Assert.Equal(UpdateRefusal.Expired, UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(expiredRelease), expiredRelease, Trust, UpdateDocuments.Device()).Refusal);

        var release = UpdateDocuments.SignedRelease();
        var expiredTrust = Trust with { Expires = UpdateDocuments.Now.AddDays(-1) };
        Assert.Equal(UpdateRefusal.Expired, UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(release), release, expiredTrust, UpdateDocuments.Device()).Refusal);
    }

    [Fact]
    public void Attack_release_for_another_model_is_refused()
    {
        var release = UpdateDocuments.SignedRelease(UpdateDocuments.Release(hardwareId: "MOSIP/IRIS02"));

        Assert.Equal(UpdateRefusal.WrongHardware, UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(release), release, Trust, UpdateDocuments.Device()).Refusal);
    }

    [Fact]
    public void A_release_for_another_certification_level_is_refused()
    {
        var release = UpdateDocuments.SignedRelease(UpdateDocuments.Release(certification: "L0"));

        Assert.Equal(UpdateRefusal.WrongHardware, UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(release), release, Trust, UpdateDocuments.Device()).Refusal);
    }

    [Fact]
    public void A_release_needing_a_higher_installed_release_is_refused()
    {
        var release = UpdateDocuments.SignedRelease(UpdateDocuments.Release(minimum: 4));

        Assert.Equal(UpdateRefusal.BelowMinimumRelease, UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(release), release, Trust, UpdateDocuments.Device(installed: 3)).Refusal);
        Assert.Equal(UpdateRefusal.None, UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(release), release, Trust, UpdateDocuments.Device(installed: 4)).Refusal);
    }

    [Fact]
    public void Attack_mix_and_match_a_fresh_timestamp_of_another_release_is_refused()
    {
        var release = UpdateDocuments.SignedRelease();
        var other = UpdateDocuments.SignedRelease(UpdateDocuments.Release(counter: 6));

        Assert.Equal(UpdateRefusal.TimestampMismatch, UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(other, counter: 6), release, Trust, UpdateDocuments.Device()).Refusal);
        Assert.Equal(UpdateRefusal.TimestampMismatch, UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(other, counter: 5), release, Trust, UpdateDocuments.Device()).Refusal);
    }

    [Fact]
    public void A_threshold_of_two_release_keys_needs_two_distinct_signatures()
    {
        var trust = UpdateDocuments.Trust(threshold: 2, releaseKeys: [UpdateTestKeys.Release, UpdateTestKeys.SecondRelease]);
        var once = UpdateDocuments.SignedRelease();
        var twiceSameKey = UpdateDocuments.SignedRelease(null, UpdateTestKeys.Release, UpdateTestKeys.Release);
        var both = UpdateDocuments.SignedRelease(null, UpdateTestKeys.Release, UpdateTestKeys.SecondRelease);

        Assert.Equal(UpdateRefusal.SignatureNotTrusted, UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(once), once, trust, UpdateDocuments.Device()).Refusal);
        Assert.Equal(UpdateRefusal.SignatureNotTrusted, UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(twiceSameKey), twiceSameKey, trust, UpdateDocuments.Device()).Refusal);
        Assert.Equal(UpdateRefusal.None, UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(both), both, trust, UpdateDocuments.Device()).Refusal);
    }

    [Theory]
    [InlineData("{\"alg\":\"PS256\",\"kid\":\"KID\",\"typ\":\"dm-release+json\"}")]
    [InlineData("{\"alg\":\"none\",\"kid\":\"KID\",\"typ\":\"dm-release+json\"}")]
    [InlineData("{\"alg\":\"HS256\",\"kid\":\"KID\",\"typ\":\"dm-release+json\"}")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"KID\",\"typ\":\"dm-timestamp+json\"}")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"KID\",\"typ\":\"dm-release+json\",\"jku\":\"https://evil.example/keys\"}")]
    [InlineData("{\"alg\":\"RS256\",\"kid\":\"KID\"}")]
    public void Attack_signature_headers_other_than_RS256_with_the_role_typ_are_refused(string headerTemplate)
    {
        // The signature is a genuine RS256 signature by the release key over the new header, so only the header rule refuses it.
        var kid = UpdateKeys.KeyId(UpdateTestKeys.Release.ExportSubjectPublicKeyInfo());
        var release = ResignWithHeader(UpdateDocuments.SignedRelease(), headerTemplate.Replace("KID", kid, StringComparison.Ordinal));

        var check = UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(release), release, Trust, UpdateDocuments.Device());

        Assert.Equal(UpdateRefusal.SignatureNotTrusted, check.Refusal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"signed\":{},\"signatures\":[]}")]
    [InlineData("{\"signed\":{\"releaseCounter\":1,\"releaseSha256\":\"00\",\"expires\":\"2027-01-01T00:00:00Z\"},\"signatures\":[]}")]
    public void Malformed_documents_are_refused_without_an_exception(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);

        Assert.Equal(UpdateRefusal.Malformed, UpdateVerifier.VerifyRelease(bytes, UpdateDocuments.SignedRelease(), Trust, UpdateDocuments.Device()).Refusal);
        Assert.Equal(UpdateRefusal.Malformed, UpdateVerifier.VerifyTrust(bytes, UpdateTestKeys.RootKeys, 1, null, UpdateDocuments.Now).Refusal);
    }

    [Fact]
    public void Unknown_members_duplicate_members_and_oversized_documents_are_malformed()
    {
        var node = JsonNode.Parse(UpdateDocuments.SignedRelease())!.AsObject();
        node["signed"]!["capture"] = true;
        var unknown = Encoding.UTF8.GetBytes(node.ToJsonString());
        var release = Encoding.UTF8.GetString(UpdateDocuments.SignedRelease());
        var duplicate = Encoding.UTF8.GetBytes(release.Replace("{\"signed\":{", "{\"signed\":{\"releaseCounter\":9,", StringComparison.Ordinal));
        var huge = Encoding.UTF8.GetBytes(release.Replace("{\"signed\":", "{\"pad\":\"" + new string('x', UpdateRoles.MaxDocumentBytes) + "\",\"signed\":", StringComparison.Ordinal));

        foreach (var bad in new[] { unknown, duplicate, huge })
        {
            Assert.Equal(UpdateRefusal.Malformed, UpdateVerifier.VerifyRelease(UpdateDocuments.SignedTimestamp(bad), bad, Trust, UpdateDocuments.Device()).Refusal);
        }
    }

    [Fact]
    public void A_trust_document_listing_one_key_for_both_roles_is_malformed()
    {
        var overlapping = UpdateDocuments.Trust() with { TimestampKeys = [UpdateTestKeys.Text(UpdateTestKeys.Release)] };

        Assert.Equal(UpdateRefusal.Malformed, UpdateVerifier.VerifyTrust(UpdateDocuments.SignedTrust(overlapping), UpdateTestKeys.RootKeys, 1, null, UpdateDocuments.Now).Refusal);
    }

    [Fact]
    public void Trust_rotation_to_the_next_version_signed_by_the_root_is_accepted()
    {
        var next = UpdateDocuments.Trust(version: 2, releaseKeys: [UpdateTestKeys.SecondRelease]);

        var check = UpdateVerifier.VerifyTrust(UpdateDocuments.SignedTrust(next), UpdateTestKeys.RootKeys, 1, Trust, UpdateDocuments.Now);

        Assert.True(check.IsAccepted);
        Assert.Equal(2, check.Value!.Version);
    }

    [Fact]
    public void Attack_trust_document_skipping_a_version_is_refused()
    {
        var skipped = UpdateDocuments.SignedTrust(UpdateDocuments.Trust(version: 3));

        Assert.Equal(UpdateRefusal.VersionSkip, UpdateVerifier.VerifyTrust(skipped, UpdateTestKeys.RootKeys, 1, Trust, UpdateDocuments.Now).Refusal);
    }

    [Fact]
    public void Attack_trust_document_signed_by_a_non_root_key_is_refused()
    {
        foreach (var key in new[] { UpdateTestKeys.OtherRoot, UpdateTestKeys.Release, UpdateTestKeys.Timestamp })
        {
            var forged = UpdateDocuments.SignedTrust(UpdateDocuments.Trust(version: 2, releaseKeys: [UpdateTestKeys.Stranger]), key);

            Assert.Equal(UpdateRefusal.SignatureNotTrusted, UpdateVerifier.VerifyTrust(forged, UpdateTestKeys.RootKeys, 1, Trust, UpdateDocuments.Now).Refusal);
        }
    }

    [Fact]
    public void Attack_trust_document_rolled_back_or_changed_under_the_same_version_is_refused()
    {
        var current = UpdateDocuments.Trust(version: 3);
        var older = UpdateDocuments.SignedTrust(UpdateDocuments.Trust(version: 2));
        var sameVersionOtherKeys = UpdateDocuments.SignedTrust(UpdateDocuments.Trust(version: 3, releaseKeys: [UpdateTestKeys.Stranger]));
        var sameDocument = UpdateDocuments.SignedTrust(current);

        Assert.Equal(UpdateRefusal.Rollback, UpdateVerifier.VerifyTrust(older, UpdateTestKeys.RootKeys, 1, current, UpdateDocuments.Now).Refusal);
        Assert.Equal(UpdateRefusal.VersionConflict, UpdateVerifier.VerifyTrust(sameVersionOtherKeys, UpdateTestKeys.RootKeys, 1, current, UpdateDocuments.Now).Refusal);
        Assert.True(UpdateVerifier.VerifyTrust(sameDocument, UpdateTestKeys.RootKeys, 1, current, UpdateDocuments.Now).IsAccepted);
    }

    [Fact]
    public void Attack_expired_trust_document_is_refused()
    {
        var expired = UpdateDocuments.SignedTrust(UpdateDocuments.Trust(expires: UpdateDocuments.Now.AddMinutes(-1)));

        Assert.Equal(UpdateRefusal.Expired, UpdateVerifier.VerifyTrust(expired, UpdateTestKeys.RootKeys, 1, null, UpdateDocuments.Now).Refusal);
    }

    private static byte[] StripSignatures(byte[] document)
    {
        var node = JsonNode.Parse(document)!.AsObject();
        node["signatures"] = new JsonArray();
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static byte[] ResignWithHeader(byte[] document, string headerJson)
    {
        var node = JsonNode.Parse(document)!.AsObject();
        var envelope = System.Text.Json.JsonDocument.Parse(document);
        Assert.True(CanonicalJson.TryWrite(envelope.RootElement.GetProperty("signed"), out var canonical));
        var header = Base64Url.Encode(Encoding.UTF8.GetBytes(headerJson));
        var input = Encoding.ASCII.GetBytes(header + "." + Base64Url.Encode(canonical));
        var signature = UpdateTestKeys.Release.SignData(input, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        node["signatures"] = new JsonArray(header + ".." + Base64Url.Encode(signature));
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
