namespace Kavach.Keys.Errors;

/// <summary>
/// MOSIP's error catalogue (codes and messages exactly as MOSIP puts them on the wire,
/// see <c>reference/keymanager-error-codes.md</c>). Only codes Kavach raises are listed.
/// </summary>
public static class ErrorCodes
{
    /// <summary>KER-KMS-002.</summary>
    public static readonly KavachError ApplicationIdNotValid = new("KER-KMS-002", "ApplicationId not found in Key Policy. Key/CSR generation not allowed.");

    /// <summary>KER-KMS-003.</summary>
    public static readonly KavachError NoUniqueAlias = new("KER-KMS-003", "No unique alias is found");

    /// <summary>KER-KMS-005.</summary>
    public static readonly KavachError InvalidRequest = new("KER-KMS-005", "Invalid request");

    /// <summary>KER-KMS-006.</summary>
    public static readonly KavachError DateTimeParse = new("KER-KMS-006", "timestamp should be in ISO 8601 format yyyy-MM-ddTHH::mm:ss.SSSZ");

    /// <summary>KER-KMS-009.</summary>
    public static readonly KavachError InvalidResponseType = new("KER-KMS-009", "Invalid Response Object Type.");

    /// <summary>KER-KMS-010.</summary>
    public static readonly KavachError ReferenceIdNotSupported = new("KER-KMS-010", "Reference Id Not Supported for the Application ID.");

    /// <summary>KER-KMS-011.</summary>
    public static readonly KavachError RootKeyNotFound = new("KER-KMS-011", "Root Key not available to sign.");

    /// <summary>KER-KMS-012.</summary>
    public static readonly KavachError KeyGenerationNotDone = new("KER-KMS-012", "Key Generation Process is not completed.");

    /// <summary>KER-KMS-013.</summary>
    public static readonly KavachError CertificateParsing = new("KER-KMS-013", "Certificate Parsing Error.");

    /// <summary>KER-KMS-014.</summary>
    public static readonly KavachError KeyNotMatching = new("KER-KMS-014", "Certificate Key Not Matching with stored Key.");

    /// <summary>KER-KMS-015.</summary>
    public static readonly KavachError UploadNotAllowed = new("KER-KMS-015", "Upload of certificate will not be allowed to update other domain certificate.(Refer Logs for error reason)");

    /// <summary>KER-KMS-016; <c>%s</c> is the reason.</summary>
    public static readonly KavachError GenerationNotAllowed = new("KER-KMS-016", "Not allowed to generate new key pair for other domains or not allowed to generate base key. (%s)");

    /// <summary>KER-KMS-017.</summary>
    public static readonly KavachError CertificateNotFound = new("KER-KMS-017", "Certificate Not found in keystore table.");

    /// <summary>KER-KMS-018.</summary>
    public static readonly KavachError DecryptionNotAllowed = new("KER-KMS-018", "Not Allowed to perform decryption with other domain key.");

    /// <summary>KER-KMS-020.</summary>
    public static readonly KavachError NotValidSignatureKey = new("KER-KMS-020", "Signing operation not allowed for the provided application id & reference id.");

    /// <summary>KER-KMS-021 (revocation).</summary>
    public static readonly KavachError RevokeNotAllowed = new("KER-KMS-021", "Key Revocation not allowed.");

    /// <summary>KER-KMS-022.</summary>
    public static readonly KavachError CsrGenerationNotAllowed = new("KER-KMS-022", "CSR Generation not allowed for the provided App Id & Ref Id.");

    /// <summary>KER-KMS-029: the vault cannot make keys on this curve.</summary>
    public static readonly KavachError UnsupportedCurve = new("KER-KMS-029", "Unsupported EC Curve - ");

    /// <summary>KER-KMS-030.</summary>
    public static readonly KavachError EcSignReferenceIdNotSupported = new("KER-KMS-030", "EC Sign Reference Id Not Supported for the Application ID.");

    /// <summary>KER-KMS-031.</summary>
    public static readonly KavachError SignAppIdReferenceIdNotAllowed = new("KER-KMS-031", "Application Id with KERNEL & Reference Id with Sign not allowed to upload Partner certificate.");

    /// <summary>KER-KMS-032.</summary>
    public static readonly KavachError ValidKeyAlreadyExists = new("KER-KMS-032", "Valid Key already Exist, not allowed to upload another Certificate.");

    /// <summary>KER-KMS-033.</summary>
    public static readonly KavachError OtherDomainValidKeyNotExist = new("KER-KMS-033", "Other Domain Valid key not available, Upload other domain valid Key certificate.");

    /// <summary>KER-KMS-034.</summary>
    public static readonly KavachError PrivateKeyFound = new("KER-KMS-034", "PrivateKey available, for Other Domain Certificate, Private Key should not available.");

    /// <summary>KER-KMS-035.</summary>
    public static readonly KavachError CertificateAlreadyExists = new("KER-KMS-035", "Certificate Already Exist, not allowed to upload same certificate again");

    /// <summary>KER-KMS-051 (Kavach): the caller is not bound to the application, so it may not create its keys.</summary>
    public static readonly KavachError KeyCreationNotAllowed = new("KER-KMS-051", "Key generation not allowed for the provided application id and with authentication token");

    /// <summary>KER-KMS-052 (Kavach): the caller created too many keys of the application in the last minute.</summary>
    public static readonly KavachError KeyCreationRateExceeded = new("KER-KMS-052", "Key generation rate limit reached for the provided application id; retry later");

    /// <summary>KER-KMS-053 (Kavach): the caller has created as many keys of the application as it may.</summary>
    public static readonly KavachError KeyCreationTotalExceeded = new("KER-KMS-053", "Key generation limit reached for the provided application id and with authentication token");

    /// <summary>KER-KMS-054 (Kavach): a migrated base key does not unwrap with the application's current master key.</summary>
    public static readonly KavachError MigratedKeyNotUnwrapped = new("KER-KMS-054", "Migrated key data does not unwrap with the current master key of the application.");

    /// <summary>KER-KMS-055 (Kavach): notBefore/notAfter of a migrated key disagree with its certificate's validity.</summary>
    public static readonly KavachError MigratedKeyValidityMismatch = new("KER-KMS-055", "Migrated key validity (notBefore/notAfter) does not match the certificate validity.");

    /// <summary>KER-KMS-056 (Kavach): a query parameter that should be an ISO-8601 instant is not one.</summary>
    public static readonly KavachError InvalidQueryDate = new("KER-KMS-056", "Query parameter is not an ISO-8601 date-time (yyyy-MM-ddTHH:mm:ss.SSSZ): ");

    /// <summary>KER-KMS-057 (Kavach): a page size or a number of days out of its range.</summary>
    public static readonly KavachError QueryValueOutOfRange = new("KER-KMS-057", "Query parameter out of range: ");

    /// <summary>KER-KMS-058 (Kavach): a key state filter names no state.</summary>
    public static readonly KavachError UnknownKeyState = new("KER-KMS-058", "Unknown key state; expected ACTIVE, EXPIRED, REVOKED or FUTURE");

    /// <summary>KER-KMS-059 (Kavach): a time window that ends before it starts, or is longer than allowed.</summary>
    public static readonly KavachError InvalidQueryWindow = new("KER-KMS-059", "Invalid time window: ");

    /// <summary>KER-KMS-060 (Kavach): a paging cursor this server did not hand out.</summary>
    public static readonly KavachError InvalidPageCursor = new("KER-KMS-060", "Invalid paging cursor");

    /// <summary>KER-KMS-500.</summary>
    public static readonly KavachError InternalServerError = new("KER-KMS-500", "Internal server error");

    /// <summary>KER-KMA-003: the key vault could not serve the request.</summary>
    public static readonly KavachError KeystoreProcessing = new("KER-KMA-003", "Error occured in processing Keystore: ");

    /// <summary>KER-KMA-004.</summary>
    public static readonly KavachError NoSuchAlias = new("KER-KMA-004", "No such alias: ");

    /// <summary>KER-KMA-005.</summary>
    public static readonly KavachError CertificateProcessing = new("KER-KMA-005", "Error occured while processing exception: ");

    /// <summary>Kavach's code for a stored key that fails its integrity check (edited or swapped row); never used, always refused.</summary>
    public static readonly KavachError StoredKeyIntegrity = new("KER-KMS-007", "Exception occured in cypto library: stored key failed its integrity check");

    /// <summary>KER-KMS-019.</summary>
    public static readonly KavachError SymmetricKeyDecryptionFailed = new("KER-KMS-019", "Not able to decrypt Symmetric Key using the Private Key.");

    /// <summary>KER-KMS-023.</summary>
    public static readonly KavachError MoreThanOneKeyFound = new("KER-KMS-023", "More than one key alias found for the provided thumbprint.");

    /// <summary>KER-KMS-024.</summary>
    public static readonly KavachError AppIdReferenceIdNotMatching = new("KER-KMS-024", "Application Id & Reference Id not matching with the input thumbprint.");

    /// <summary>KER-KMS-025.</summary>
    public static readonly KavachError KeyNotFoundByThumbprint = new("KER-KMS-025", "Key Not found for the thumbprint prepended in encrypted data.");

    /// <summary>KER-KMS-036.</summary>
    public static readonly KavachError InvalidFormat = new("KER-KMS-036", "Unsupported output format for the signature");

    /// <summary>KER-CRY-003: not base64.</summary>
    public static readonly KavachError NotBase64 = new("KER-CRY-003", " input data is not base64 encoded");

    /// <summary>KER-CRY-003: the one answer to every failure to decrypt an envelope (no oracle).</summary>
    public static readonly KavachError InvalidEncryptedData = new("KER-CRY-003", "data sent to decrypt is without key splitter or invalid");

    /// <summary>KER-CRY-004.</summary>
    public static readonly KavachError CryptoInvalidRequest = new("KER-CRY-004", "data should not be null or empty");

    /// <summary>KER-CRY-011.</summary>
    public static readonly KavachError EncryptNotAllowed = new("KER-CRY-011", "Not Allowed to preform encryption with Master Key. Use Base/Encrypt key to encrypt data.");

    /// <summary>KER-CRY-012.</summary>
    public static readonly KavachError DecryptNotAllowed = new("KER-CRY-012", "Not Allowed to preform decryption for the provided application id and with authentication token");

    /// <summary>KER-CRY-013.</summary>
    public static readonly KavachError InvalidJson = new("KER-CRY-013", "Input data to encrypt is not valid JSON.");

    /// <summary>KER-CRY-014.</summary>
    public static readonly KavachError JweEncryptionError = new("KER-CRY-014", "Internal Error while encrypting data using JWE.");

    /// <summary>KER-CRY-015: the one answer to every failure to decrypt a JWE.</summary>
    public static readonly KavachError JweDecryptionError = new("KER-CRY-015", "Internal Error while decrypting data using JWE.");

    /// <summary>KER-FSE-004: the one answer to every failure of decryptWithPin.</summary>
    public static readonly KavachError EncryptedDataCorrupt = new("KER-FSE-004", "encrypted data is corrupted");

    /// <summary>KER-CSS-101.</summary>
    public static readonly KavachError ValidationUnsuccessful = new("KER-CSS-101", "Validation Unsuccessful");

    /// <summary>KER-JWS-102.</summary>
    public static readonly KavachError SignInputInvalid = new("KER-JWS-102", "Data to sign is not valid.");

    /// <summary>KER-JWS-103.</summary>
    public static readonly KavachError SignInputNotJson = new("KER-JWS-103", "Data to sign is not valid JSON.");

    /// <summary>KER-JWS-104.</summary>
    public static readonly KavachError SignError = new("KER-JWS-104", "Error - Unable to sign the data.");

    /// <summary>KER-JWS-105.</summary>
    public static readonly KavachError VerifyError = new("KER-JWS-105", "Error - Unable to verify the data.");

    /// <summary>KER-JWS-106.</summary>
    public static readonly KavachError VerifyInputInvalid = new("KER-JWS-106", "Signature data to verify not valid.");

    /// <summary>KER-JWS-107.</summary>
    public static readonly KavachError VerifyCertificateNotValid = new("KER-JWS-107", "Signature verification certificate not valid.");

    /// <summary>KER-JWS-108.</summary>
    public static readonly KavachError SignNotAllowed = new("KER-JWS-108", "Signing data not allowed for the authenticated token.");

    /// <summary>KER-ZKC-001.</summary>
    public static readonly KavachError ZkRandomKeyCipherFailed = new("KER-ZKC-001", "Failed to Encrypt/Decrypt Random Key.");

    /// <summary>KER-ZKC-002.</summary>
    public static readonly KavachError ZkNoUniqueAlias = new("KER-ZKC-002", "No unique alias is found.");

    /// <summary>KER-ZKC-003.</summary>
    public static readonly KavachError ZkEmptyData = new("KER-ZKC-003", "Data attributes Empty.");

    /// <summary>KER-ZKC-004: the one answer to every failure to decrypt a ZK value (wrong id, tampering).</summary>
    public static readonly KavachError ZkDataCipherError = new("KER-ZKC-004", "Data Encryption/Decryption Error.");

    /// <summary>KER-ZKC-005.</summary>
    public static readonly KavachError ZkKeyDerivationError = new("KER-ZKC-005", "Error Key derivation.");

    /// <summary>KER-ZKC-006.</summary>
    public static readonly KavachError ZkInvalidEncryptedRandomKey = new("KER-ZKC-006", "Invalid encrypted random Key.");

    /// <summary>ZK-DEC-001: MOSIP 1.3's ad-hoc code for a value too short to be a ZK value.</summary>
    public static readonly KavachError ZkInvalidFormat = new("ZK-DEC-001", "Invalid encrypted data format.");

    /// <summary>KER-TIG-010.</summary>
    public static readonly KavachError TokenIdEmptyInput = new("KER-TIG-010", "UIN and partner code cannot be empty");

    /// <summary>KER-CC-004: the one answer to every client-crypto failure on bad input.</summary>
    public static readonly KavachError ClientCryptoFailed = new("KER-CC-004", "Failed crypto operation");

    /// <summary>KER-CC-001: a TPM private-key operation was asked for (this server has no TPM).</summary>
    public static readonly KavachError TpmRequired = new("KER-CC-001", "TPM INSTANCE IS REQUIRED");
}
