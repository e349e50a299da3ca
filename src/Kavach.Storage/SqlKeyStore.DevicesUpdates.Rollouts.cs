using System.Data.Common;
using System.Globalization;
using Kavach.Devices.Updates.Storage;

namespace Kavach.Storage;

/// <summary>The rollout tables of migration 0012: rollouts with a row version, their members, progress counts.</summary>
internal sealed partial class SqlKeyStore
{
    /// <inheritdoc />
    public Task<bool> TryInsertRolloutAsync(RolloutRecord rollout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return UpdatesStatementAsync(
            UpdatesSql.InsertRollout,
            command =>
            {
                AddParameter(command, "@id", rollout.RolloutId);
                AddParameter(command, "@counter", rollout.ReleaseCounter);
                AddParameter(command, "@hardware", rollout.HardwareId);
                AddParameter(command, "@groups", string.Join(',', rollout.GroupPercents.Select(g => g.ToString(CultureInfo.InvariantCulture))));
                AddParameter(command, "@success", rollout.SuccessThresholdPercent);
                AddParameter(command, "@error", rollout.ErrorThresholdPercent);
                AddParameter(command, "@by", rollout.CreatedBy);
                AddTimestamp(command, "@at", rollout.CreatedAt.UtcDateTime);
                BindRolloutState(command, rollout);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RolloutRecord?> GetRolloutAsync(string rolloutId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rolloutId);
        var rows = await UpdatesStatementAsync(UpdatesSql.SelectRollout, command => AddParameter(command, "@id", rolloutId), ReadRolloutsAsync, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RolloutRecord>> ListRolloutsAsync(CancellationToken cancellationToken) =>
        UpdatesStatementAsync(UpdatesSql.SelectRollouts, static _ => { }, ReadRolloutsAsync, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryUpdateRolloutAsync(RolloutRecord rollout, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return UpdatesStatementAsync(
            UpdatesSql.UpdateRollout,
            command => BindRolloutUpdate(command, rollout, expectedVersion),
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryStartRolloutAsync(RolloutRecord rollout, long expectedVersion, IReadOnlyList<RolloutMemberRecord> members, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(members);
        return UpdatesTransactionAsync(
            async (connection, transaction, ct) =>
            {
                await using (var update = CreateCommand(connection, transaction, UpdatesSql.UpdateRollout))
                {
                    BindRolloutUpdate(update, rollout, expectedVersion);
                    if (await update.ExecuteNonQueryAsync(ct) == 0)
                    {
                        return false;
                    }
                }

                await Dialect.ExecuteEachAsync(connection, transaction, UpdatesSql.InsertMember, members, BindMember, ct);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RolloutMemberRecord>> ListMembershipsAsync(string serialNo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serialNo);
        return UpdatesStatementAsync(
            UpdatesSql.SelectMemberships,
            command => AddParameter(command, "@serial", serialNo),
            async (command, ct) =>
            {
                var rows = new List<RolloutMemberRecord>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    rows.Add(new RolloutMemberRecord(reader.GetString(0), reader.GetString(1), ReadInt32(reader, 2), Enum.Parse<RolloutMemberStatus>(reader.GetString(3)), Instant(reader, 4)));
                }

                return (IReadOnlyList<RolloutMemberRecord>)rows;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryChangeMemberStatusAsync(string rolloutId, string serialNo, RolloutMemberStatus from, RolloutMemberStatus to, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rolloutId);
        ArgumentNullException.ThrowIfNull(serialNo);
        return UpdatesStatementAsync(
            UpdatesSql.UpdateMemberStatus,
            command =>
            {
                AddParameter(command, "@id", rolloutId);
                AddParameter(command, "@serial", serialNo);
                AddParameter(command, "@from", from.ToString());
                AddParameter(command, "@to", to.ToString());
                AddTimestamp(command, "@updated", at.UtcDateTime);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RolloutGroupCounts>> CountGroupsAsync(string rolloutId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rolloutId);
        return UpdatesStatementAsync(
            UpdatesSql.CountGroups,
            command => AddParameter(command, "@id", rolloutId),
            static async (command, ct) =>
            {
                var groups = new SortedDictionary<int, RolloutGroupCounts>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var group = ReadInt32(reader, 0);
                    var count = ReadInt32(reader, 2);
                    var current = groups.TryGetValue(group, out var found) ? found : new RolloutGroupCounts(group, 0, 0, 0, 0);
                    current = current with { Total = current.Total + count };
                    groups[group] = Enum.Parse<RolloutMemberStatus>(reader.GetString(1)) switch
                    {
                        RolloutMemberStatus.Offered => current with { Offered = current.Offered + count },
                        RolloutMemberStatus.Succeeded => current with { Succeeded = current.Succeeded + count },
                        RolloutMemberStatus.Failed => current with { Failed = current.Failed + count },
                        _ => current,
                    };
                }

                return (IReadOnlyList<RolloutGroupCounts>)[.. groups.Values];
            },
            cancellationToken);
    }

    private void BindRolloutState(DbCommand command, RolloutRecord rollout)
    {
        AddParameter(command, "@state", rollout.State.ToString());
        AddParameter(command, "@group", rollout.CurrentGroup);
        AddParameter(command, "@approval", rollout.ApprovalId);
        AddParameter(command, "@approved_by", rollout.ApprovedBy);
        AddTimestamp(command, "@updated", rollout.UpdatedAt.UtcDateTime);
    }

    private void BindMember(DbCommand command, RolloutMemberRecord member)
    {
        AddParameter(command, "@id", member.RolloutId);
        AddParameter(command, "@serial", member.SerialNo);
        AddParameter(command, "@group", member.GroupIndex);
        AddParameter(command, "@status", member.Status.ToString());
        AddTimestamp(command, "@updated", member.UpdatedAt.UtcDateTime);
    }

    private void BindRolloutUpdate(DbCommand command, RolloutRecord rollout, long expectedVersion)
    {
        AddParameter(command, "@id", rollout.RolloutId);
        AddParameter(command, "@expected", expectedVersion);
        BindRolloutState(command, rollout);
    }

    private async Task<IReadOnlyList<RolloutRecord>> ReadRolloutsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<RolloutRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new RolloutRecord(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetString(2),
                [.. reader.GetString(3).Split(',').Select(g => int.Parse(g, CultureInfo.InvariantCulture))],
                ReadInt32(reader, 4),
                ReadInt32(reader, 5),
                Enum.Parse<RolloutState>(reader.GetString(6)),
                ReadInt32(reader, 7),
                reader.GetString(8),
                Instant(reader, 9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                Instant(reader, 12),
                reader.GetInt64(13)));
        }

        return rows;
    }
}
