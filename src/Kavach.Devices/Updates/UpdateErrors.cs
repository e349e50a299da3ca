using Kavach.Keys.Errors;

namespace Kavach.Devices.Updates;

/// <summary>The update codes (<c>KER-DEV-080</c>–<c>099</c>). Admin calls get the specific code; devices get no update detail at all.</summary>
public static class UpdateErrors
{
    /// <summary>A published trust document or release manifest is malformed, badly signed, expired or out of order (the refusal is in the audit detail).</summary>
    public static readonly KavachError DocumentRefused = new("KER-DEV-080", "Update document refused.");

    /// <summary>No trust document has been published yet: releases cannot be checked.</summary>
    public static readonly KavachError NoTrustDocument = new("KER-DEV-081", "No trust document published.");

    /// <summary>No release with this counter.</summary>
    public static readonly KavachError ReleaseNotFound = new("KER-DEV-082", "Release not found.");

    /// <summary>A release with this counter is already published.</summary>
    public static readonly KavachError ReleaseExists = new("KER-DEV-083", "Release already published.");

    /// <summary>An artifact the manifest names is not uploaded, or its length differs.</summary>
    public static readonly KavachError ArtifactMissing = new("KER-DEV-084", "Release artifact not uploaded.");

    /// <summary>The SBI record breaks MOSIP's limits (swBinaryHash ≤ 36, swVersion ≤ 64, expiry after creation).</summary>
    public static readonly KavachError InvalidSbi = new("KER-DEV-085", "Invalid SBI record.");

    /// <summary>A release without its SBI record cannot be rolled out.</summary>
    public static readonly KavachError SbiMissing = new("KER-DEV-086", "Release has no SBI record.");

    /// <summary>The artifact upload is larger than allowed.</summary>
    public static readonly KavachError ArtifactTooLarge = new("KER-DEV-087", "Artifact too large.");

    /// <summary>The uploaded bytes do not have the SHA-256 the uploader stated, or the upload is empty.</summary>
    public static readonly KavachError ArtifactHashMismatch = new("KER-DEV-088", "Artifact hash mismatch.");

    /// <summary>No artifact with this SHA-256.</summary>
    public static readonly KavachError ArtifactNotFound = new("KER-DEV-089", "Artifact not found.");

    /// <summary>The rollout request is invalid (groups, thresholds, target).</summary>
    public static readonly KavachError InvalidRollout = new("KER-DEV-090", "Invalid rollout.");

    /// <summary>No rollout with this id.</summary>
    public static readonly KavachError RolloutNotFound = new("KER-DEV-091", "Rollout not found.");

    /// <summary>The rollout's state does not allow the action (e.g. resume a completed rollout).</summary>
    public static readonly KavachError RolloutState = new("KER-DEV-092", "Rollout state does not allow this action.");

    /// <summary>Four-eyes: the administrator who created the rollout cannot approve it.</summary>
    public static readonly KavachError SelfApproval = new("KER-DEV-093", "A rollout must be approved by another administrator.");

    /// <summary>Update metadata is not available (no timestamp yet, or the release expired).</summary>
    public static readonly KavachError MetadataNotAvailable = new("KER-DEV-094", "Update metadata not available.");

    /// <summary>A device's update report names no release offered to it.</summary>
    public static readonly KavachError ReportRefused = new("KER-DEV-095", "Update report refused.");

    /// <summary>The release manifest has expired or does not name the rollout's make/model.</summary>
    public static readonly KavachError ReleaseNotApplicable = new("KER-DEV-096", "Release does not apply to this target.");

    /// <summary>The artifact upload is empty or its name is not a plain file name.</summary>
    public static readonly KavachError InvalidArtifact = new("KER-DEV-097", "Invalid artifact.");

    /// <summary>The release cannot be recorded in the transparency log now, so it is not published; a retry may succeed.</summary>
    public static readonly KavachError TransparencyLogUnavailable = new("KER-DEV-098", "Transparency log unavailable; release not published, retry later.");
}
