using Kavach.Keys.Errors;

namespace Kavach.Devices.Repository;

/// <summary>
/// The central repository's expected failures (providers, models, whitelist batches, four-eyes approvals): codes
/// KER-DEV-020 to KER-DEV-039. Messages name the rule broken, never a certificate, key or person.
/// </summary>
public static class DeviceRepositoryErrors
{
    /// <summary>A field of the request is missing or malformed; the detail names the field.</summary>
    public static readonly KavachError InvalidRequest = new("KER-DEV-020", "Invalid request: %s");

    /// <summary>A provider with this id is already registered.</summary>
    public static readonly KavachError ProviderExists = new("KER-DEV-021", "Device provider already exists.");

    /// <summary>No active provider has this id (or it has the wrong kind for the operation).</summary>
    public static readonly KavachError ProviderNotFound = new("KER-DEV-022", "Device provider not found.");

    /// <summary>The provider's CA chain was refused by the trust store; the detail carries the trust store's code.</summary>
    public static readonly KavachError ProviderCaRefused = new("KER-DEV-023", "Provider CA certificate refused: %s");

    /// <summary>A make/model with this id, or with this provider, make and model, is already recorded.</summary>
    public static readonly KavachError ModelExists = new("KER-DEV-024", "Device model already exists.");

    /// <summary>No make/model has this id.</summary>
    public static readonly KavachError ModelNotFound = new("KER-DEV-025", "Device model not found.");

    /// <summary>The batch is not a well-formed RS256 compact JWS with the expected payload; the detail names what.</summary>
    public static readonly KavachError BatchMalformed = new("KER-DEV-026", "Whitelist batch malformed: %s");

    /// <summary>
    /// The batch signature does not verify, or its factory certificate does not chain to the provider's CA in domain
    /// DEVICE (one generic message: no oracle on which).
    /// </summary>
    public static readonly KavachError BatchSignatureInvalid = new("KER-DEV-027", "Whitelist batch signature not trusted.");

    /// <summary>The batch is larger than the configured cap (bytes or entries).</summary>
    public static readonly KavachError BatchTooLarge = new("KER-DEV-028", "Whitelist batch too large.");

    /// <summary>A serial appears twice in the batch, or is already in the registry or in another open batch.</summary>
    public static readonly KavachError BatchDuplicateSerial = new("KER-DEV-029", "Whitelist batch serial already known: %s");

    /// <summary>An entry names a make/model not approved (or deactivated) for the batch's provider.</summary>
    public static readonly KavachError BatchModelNotApproved = new("KER-DEV-030", "Whitelist entry make/model not approved: %s");

    /// <summary>A batch with this id was imported before.</summary>
    public static readonly KavachError BatchExists = new("KER-DEV-031", "Whitelist batch already imported.");

    /// <summary>No batch has this id.</summary>
    public static readonly KavachError BatchNotFound = new("KER-DEV-032", "Whitelist batch not found.");

    /// <summary>No approval request has this id.</summary>
    public static readonly KavachError ApprovalNotFound = new("KER-DEV-033", "Approval request not found.");

    /// <summary>Four-eyes: the principal who requested may not approve or reject the request.</summary>
    public static readonly KavachError ApprovalBySameAdministrator = new("KER-DEV-034", "Approval must come from a second administrator.");

    /// <summary>The request was decided already (approved, rejected or failed) or is being applied.</summary>
    public static readonly KavachError ApprovalAlreadyDecided = new("KER-DEV-035", "Approval request already decided.");

    /// <summary>An open request of the same kind for the same subject exists.</summary>
    public static readonly KavachError ApprovalAlreadyPending = new("KER-DEV-036", "An approval request for this subject is already pending.");

    /// <summary>No component of this server acts on approvals of this kind.</summary>
    public static readonly KavachError ApprovalKindNotHandled = new("KER-DEV-037", "Approval kind not supported by this server.");

    /// <summary>No device has this serial number.</summary>
    public static readonly KavachError DeviceNotFound = new("KER-DEV-038", "Device not found.");

    /// <summary>The registry changed under the request (a concurrent writer won); retry.</summary>
    public static readonly KavachError Conflict = new("KER-DEV-039", "Concurrent change; retry.");
}
