using System.Data.Common;
using System.Globalization;
using Kavach.Devices.Repository.Approvals;

namespace Kavach.Storage.Devices;

/// <content>The four-eyes requests (<c>device_approval</c>).</content>
internal sealed partial class SqlDeviceRepository : IDeviceApprovalStore
{
    /// <inheritdoc />
    public async Task<bool> TryInsertApprovalAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await _run.ReadAsync(
                _approvals.Insert,
                command =>
                {
                    DeviceSqlRunner.Add(command, "@id", request.Id);
                    DeviceSqlRunner.Add(command, "@kind", request.Kind.ToString());
                    DeviceSqlRunner.Add(command, "@subject", request.Subject);
                    DeviceSqlRunner.Add(command, "@payload", request.PayloadJson);
                    DeviceSqlRunner.Add(command, "@status", request.State.ToString());
                    DeviceSqlRunner.Add(command, "@requested_by", request.RequestedBy);
                    _run.AddTime(command, "@requested_at", request.RequestedAt);
                },
                static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
                cancellationToken);
        }
        catch (KeyStoreConflictException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<ApprovalRequest?> GetApprovalAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var rows = await _run.ReadAsync(_approvals.Select, c => DeviceSqlRunner.Add(c, "@id", id), ReadApprovalsAsync, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApprovalRequest>> ListApprovalsAsync(ApprovalState? state, ApprovalKind? kind, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        var sql = $"SELECT {ApprovalSql.Columns} FROM {_approvals.Table} WHERE 1 = 1" +
            (state is null ? string.Empty : " AND status = @status") +
            (kind is null ? string.Empty : " AND approval_kind = @kind") +
            string.Create(CultureInfo.InvariantCulture, $" ORDER BY requested_dtimes DESC, approval_id DESC LIMIT {limit}");
        return _run.ReadAsync(
            sql,
            command =>
            {
                if (state is { } s)
                {
                    DeviceSqlRunner.Add(command, "@status", s.ToString());
                }

                if (kind is { } k)
                {
                    DeviceSqlRunner.Add(command, "@kind", k.ToString());
                }
            },
            ReadApprovalsAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> TryMoveApprovalAsync(string id, ApprovalState from, ApprovalState to, string? decidedBy, DateTimeOffset? decidedAt, string? outcome, DateTimeOffset? onlyIfDecidedBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        try
        {
            return await _run.ReadAsync(
                onlyIfDecidedBefore is null ? _approvals.Move : _approvals.MoveIfDecidedBefore,
                command =>
                {
                    DeviceSqlRunner.Add(command, "@id", id);
                    DeviceSqlRunner.Add(command, "@from", from.ToString());
                    DeviceSqlRunner.Add(command, "@to", to.ToString());
                    DeviceSqlRunner.Add(command, "@by", decidedBy);
                    _run.AddTime(command, "@at", decidedAt);
                    DeviceSqlRunner.Add(command, "@outcome", outcome);
                    if (onlyIfDecidedBefore is { } before)
                    {
                        _run.AddTime(command, "@before", before);
                    }
                },
                static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
                cancellationToken);
        }
        catch (KeyStoreConflictException)
        {
            // Re-opening a request whose subject got another open request meanwhile.
            return false;
        }
    }

    private Task<IReadOnlyList<ApprovalRequest>> ReadApprovalsAsync(DbCommand command, CancellationToken cancellationToken) =>
        DeviceSqlRunner.ReadRowsAsync(
            command,
            reader => new ApprovalRequest(
                reader.GetString(0),
                Enum.Parse<ApprovalKind>(reader.GetString(1), ignoreCase: false),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(5),
                _run.ReadRequiredTime(reader, 6),
                Enum.Parse<ApprovalState>(reader.GetString(4), ignoreCase: false),
                DeviceSqlRunner.Text(reader, 7),
                _run.ReadTime(reader, 8),
                DeviceSqlRunner.Text(reader, 9)),
            cancellationToken);
}
