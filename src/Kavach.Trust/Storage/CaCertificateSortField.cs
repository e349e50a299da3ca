namespace Kavach.Trust.Storage;

/// <summary>The <c>ca_cert_store</c> columns <c>getCaCertificates</c> may sort by (MOSIP entity property names, spec §2.4).</summary>
public enum CaCertificateSortField
{
    /// <summary><c>certId</c>.</summary>
    CertId,

    /// <summary><c>certSubject</c>.</summary>
    CertSubject,

    /// <summary><c>certIssuer</c>.</summary>
    CertIssuer,

    /// <summary><c>issuerId</c>.</summary>
    IssuerId,

    /// <summary><c>certNotBefore</c>.</summary>
    CertNotBefore,

    /// <summary><c>certNotAfter</c>.</summary>
    CertNotAfter,

    /// <summary><c>certThumbprint</c>.</summary>
    CertThumbprint,

    /// <summary><c>certSerialNo</c>.</summary>
    CertSerialNo,

    /// <summary><c>partnerDomain</c>.</summary>
    PartnerDomain,

    /// <summary><c>caCertificateType</c>.</summary>
    CaCertificateType,

    /// <summary><c>createdBy</c>.</summary>
    CreatedBy,

    /// <summary><c>createdtimes</c>: MOSIP's default.</summary>
    CreatedTimes,

    /// <summary><c>updatedBy</c>.</summary>
    UpdatedBy,

    /// <summary><c>updatedtimes</c>.</summary>
    UpdatedTimes,
}
