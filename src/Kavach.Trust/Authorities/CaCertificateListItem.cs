using Kavach.Trust.Storage;

namespace Kavach.Trust.Authorities;

/// <summary>One row of <c>getCaCertificates</c> and whether now lies inside its validity period (MOSIP's <c>status</c>).</summary>
public sealed record CaCertificateListItem(CaCertificateRecord Record, bool Active);
