namespace Kavach.Keys.Certificates;

/// <summary>
/// Default subject attributes for certificates and CSRs (MOSIP's
/// <c>mosip.kernel.keymanager.certificate.default.*</c>); request values override them.
/// </summary>
public sealed class SubjectDefaults
{
    /// <summary>Default common name; master certificates get <c>"&lt;CN&gt; (&lt;APP&gt;[-&lt;REF&gt;])"</c>.</summary>
    public string CommonName { get; set; } = "www.mosip.io";

    /// <summary>Default organizational unit.</summary>
    public string OrganizationalUnit { get; set; } = "IIITB";

    /// <summary>Default organization.</summary>
    public string Organization { get; set; } = "mosip";

    /// <summary>Default locality.</summary>
    public string Location { get; set; } = "BANGALORE";

    /// <summary>Default state or province.</summary>
    public string State { get; set; } = "KA";

    /// <summary>Default two-letter country code.</summary>
    public string Country { get; set; } = "IN";
}
