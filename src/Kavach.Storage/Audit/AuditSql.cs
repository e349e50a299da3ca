using System.Globalization;

namespace Kavach.Storage.Audit;

/// <summary>The audit tables' statements for both dialects (they differ only in the table prefix).</summary>
internal sealed class AuditSql
{
    /// <summary>The columns of <c>audit_log</c> in the order every statement uses.</summary>
    internal const string RecordColumns =
        "seq_no, event_dtimes, request_id, actor, auth_method, client_addr, operation, app_id, ref_id, key_ref, subject, outcome, http_status, detail, prev_hash, record_hash, mac_key_alias, record_mac";

    /// <summary>The columns of <c>audit_checkpoint</c> in the order every statement uses.</summary>
    internal const string CheckpointColumns =
        "seq_no, record_hash, cp_dtimes, sign_key_alias, cert_thumbprint, certificate_data, sign_algorithm, signature, policy_state, mac_key_alias, mac";

    /// <summary>The parameter of each <c>audit_log</c> column, in <see cref="RecordColumns"/> order.</summary>
    internal static readonly string[] RecordParameterNames =
        Enumerable.Range(0, RecordColumns.Split(',').Length).Select(column => string.Create(CultureInfo.InvariantCulture, $"@c{column}")).ToArray();

    internal AuditSql(string tablePrefix)
    {
        SelectHead = $"SELECT seq_no, record_hash FROM {tablePrefix}audit_log ORDER BY seq_no DESC LIMIT 1";
        SelectLastCheckpoint = $"SELECT {CheckpointColumns} FROM {tablePrefix}audit_checkpoint ORDER BY seq_no DESC LIMIT 1";
        SelectLastCheckpointSeq = $"SELECT MAX(seq_no) FROM {tablePrefix}audit_checkpoint";
        SelectRecords =
            $"SELECT {RecordColumns} FROM {tablePrefix}audit_log WHERE seq_no >= @from AND seq_no <= @to ORDER BY seq_no LIMIT @limit";
        SelectCheckpoints =
            $"SELECT {CheckpointColumns} FROM {tablePrefix}audit_checkpoint WHERE seq_no >= @from AND seq_no <= @to ORDER BY seq_no";
        InsertRecord = $"INSERT INTO {tablePrefix}audit_log ({RecordColumns}) VALUES ({string.Join(", ", RecordParameterNames)})";
        InsertCheckpoint =
            $"""
            INSERT INTO {tablePrefix}audit_checkpoint ({CheckpointColumns})
            VALUES (@seq, @hash, @time, @alias, @thumbprint, @certificate, @algorithm, @signature, @policy, @mac_alias, @mac)
            """;
    }

    internal string SelectHead { get; }

    internal string SelectLastCheckpoint { get; }

    internal string SelectLastCheckpointSeq { get; }

    internal string SelectRecords { get; }

    internal string SelectCheckpoints { get; }

    internal string InsertCheckpoint { get; }

    /// <summary>One <c>audit_log</c> row; parameters <see cref="RecordParameterNames"/>.</summary>
    internal string InsertRecord { get; }
}
