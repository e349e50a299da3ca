using Kavach.Testing;
namespace Kavach.Storage.Tests;

/// <summary>MOSIP's audit columns of one row, read with plain SQL behind the store's back.</summary>
public sealed record AuditRow(string CreatedBy, DateTime CreatedAt, string? UpdatedBy, DateTime? UpdatedAt, bool IsDeleted);
