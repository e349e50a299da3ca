namespace Kavach.Storage.Devices;

/// <summary>The four-eyes requests' fixed statements (<c>device_approval</c>, migration 0009); values are parameters.</summary>
internal sealed class ApprovalSql
{
    internal const string Columns =
        "approval_id, approval_kind, subject, payload, status, requested_by, requested_dtimes, decided_by, decided_dtimes, outcome";

    public ApprovalSql(string prefix)
    {
        var p = prefix;
        Table = p + "device_approval";

        // No conflict target: the primary key and the one-open-request-per-subject index both answer "no row".
        Insert =
            $"""
            INSERT INTO {p}device_approval ({Columns})
            VALUES (@id, @kind, @subject, @payload, @status, @requested_by, @requested_at, NULL, NULL, NULL)
            ON CONFLICT DO NOTHING
            """;
        Select = $"SELECT {Columns} FROM {p}device_approval WHERE approval_id = @id";
        Move =
            $"""
            UPDATE {p}device_approval SET status = @to, decided_by = @by, decided_dtimes = @at, outcome = @outcome
            WHERE approval_id = @id AND status = @from
            """;
        MoveIfDecidedBefore = Move + " AND decided_dtimes < @before";
    }

    public string Table { get; }

    public string Insert { get; }

    public string Select { get; }

    public string Move { get; }

    public string MoveIfDecidedBefore { get; }
}
