using System.Globalization;
using System.Text;

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

    /// <summary>Parameters per row of <c>audit_log</c>.</summary>
    internal const int RecordParameters = 18;

    private readonly string _prefix;

    internal AuditSql(string tablePrefix)
    {
        _prefix = tablePrefix;
        SelectHead = $"SELECT seq_no, record_hash FROM {tablePrefix}audit_log ORDER BY seq_no DESC LIMIT 1";
        SelectLastCheckpoint = $"SELECT {CheckpointColumns} FROM {tablePrefix}audit_checkpoint ORDER BY seq_no DESC LIMIT 1";
        SelectLastCheckpointSeq = $"SELECT MAX(seq_no) FROM {tablePrefix}audit_checkpoint";
        SelectRecords =
            $"SELECT {RecordColumns} FROM {tablePrefix}audit_log WHERE seq_no >= @from AND seq_no <= @to ORDER BY seq_no LIMIT @limit";
        SelectCheckpoints =
            $"SELECT {CheckpointColumns} FROM {tablePrefix}audit_checkpoint WHERE seq_no >= @from AND seq_no <= @to ORDER BY seq_no";
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

    /// <summary>A multi-row INSERT for <paramref name="rows"/> records; parameters are <c>@cN_i</c> for column N of row i.</summary>
    internal string InsertRecords(int rows)
    {
        var builder = new StringBuilder($"INSERT INTO {_prefix}audit_log ({RecordColumns}) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            builder.Append(i == 0 ? "(" : ", (");
            for (var column = 0; column < RecordParameters; column++)
            {
                builder.Append(column == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"@c{column}_{i}");
            }

            builder.Append(')');
        }

        return builder.ToString();
    }
}
