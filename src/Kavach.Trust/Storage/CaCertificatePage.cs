namespace Kavach.Trust.Storage;

/// <summary>One page of <c>ca_cert_store</c> rows and how many rows matched in all.</summary>
public sealed record CaCertificatePage(IReadOnlyList<CaCertificateRecord> Items, long TotalRecords);
