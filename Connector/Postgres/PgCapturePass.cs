using System.Data;
using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.SchemaGeneration;
using Npgsql;
using NpgsqlTypes;

namespace Connector.Postgres;

/// <summary>
/// One Realm path's capture pass on PostgreSQL (DESIGN.md sections 6 and 11), the analogue of SQL Server's poll:
/// <list type="number">
/// <item>under a session advisory lock per path, a REPEATABLE READ transaction takes its snapshot and emits a barrier
/// message into the WAL;</item>
/// <item>the path's slot is read up to the barrier (<see cref="PgChangeReader"/>); transactions at or below the stored
/// position (already in the outbox: a crash came before the slot was confirmed) and the connector's own are dropped;
/// every transaction read must be visible in the snapshot (<see cref="PgSnapshot"/>), else the pass starts again;</item>
/// <item>the net changes per key (<see cref="PgNetChanges"/>) are read with their current values in the snapshot and
/// turned into instructions by the shared converters in dependency order (<see cref="DeltaWalk"/>);</item>
/// <item>the outbox rows and the barrier's position are written and committed together; only then is the slot
/// confirmed, so nothing is lost and nothing is written twice.</item>
/// </list>
/// A path never read, a slot PostgreSQL invalidated (<c>wal_status = lost</c>) or dropped, and the classes of a
/// <c>resend</c> are re-sent whole (CLEAR, then every object and collection), as a retention loss is on SQL Server.
/// </summary>
public sealed class PgCapturePass(string connectionString, PollOptions options)
{
    /// <summary>The first key of the session advisory lock a path's pass holds (the second is the RealmId).</summary>
    public const int CaptureLock = 0x726d7363;

    private const int SnapshotAttempts = 10;

    private string? LastRace { get; set; }

    public PollOptions Options { get; } = options;

    public string ConnectionString { get; } = connectionString;

    /// <summary>Runs after the outbox commit, before the slot is confirmed (tests stop a pass there, as a crash would).</summary>
    public Func<Task>? BeforeConfirm { get; init; }

    /// <param name="tablesForcedWhole">Tables to re-send whole whatever changed (<c>resend</c>); empty for an ordinary pass.</param>
    /// <param name="forcedRealmId">For a partitioned mapping, the Realm whose <paramref name="tablesForcedWhole"/> are re-sent.</param>
    public async Task<PollResult> RunAsync(
        NpgsqlConnection connection, int realmId, SchemaMapping mapping, IReadOnlySet<string> tablesForcedWhole, CancellationToken cancellationToken, int? forcedRealmId = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(tablesForcedWhole);
        await LockAsync(connection, "pg_advisory_lock", realmId, cancellationToken);
        try
        {
            var slotLost = await EnsureSlotAsync(connection, realmId, mapping, cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                var result = await AttemptAsync(connection, realmId, mapping, slotLost, (forcedRealmId, tablesForcedWhole), cancellationToken);
                if (result is not null)
                {
                    return result;
                }

                if (attempt == SnapshotAttempts)
                {
                    throw new ConnectorException(
                        $"Realm path '{mapping.RealmPath}': {SnapshotAttempts} capture attempts met a transaction committing as the snapshot was taken (last: {LastRace}); nothing was written, the next pass reads the same changes.",
                        ExitCodes.Failure);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), cancellationToken);
            }
        }
        finally
        {
            await LockAsync(connection, "pg_advisory_unlock", realmId, CancellationToken.None);
        }
    }

    /// <summary>One attempt: null when a transaction read from the slot is not visible in the snapshot (rolled back, try again).</summary>
    private async Task<PollResult?> AttemptAsync(
        NpgsqlConnection connection, int realmId, SchemaMapping mapping, string? slotLost, (int? RealmId, IReadOnlySet<string> Tables) forced, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var (result, end) = await CaptureAsync(connection, realmId, mapping, slotLost, forced, null, cancellationToken);
        if (result is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        if (BeforeConfirm is not null)
        {
            await BeforeConfirm();
        }

        await new PgChangeReader(ConnectionString).ConfirmAsync(realmId, end, cancellationToken);
        return result;
    }

    /// <summary>
    /// The applier's conflict probe (<see cref="PgConflictProbe"/>), inside its REPEATABLE READ transaction, whose caller
    /// holds the path's advisory lock (<see cref="LockAsync"/>) since before the transaction began: the SQL changes not
    /// yet captured go to the outbox with the position in the applier's own transaction, so that a Realm transaction
    /// that fails takes them back with it and its retry sees the same conflicts. Returns the position to confirm once
    /// the caller committed, or null when the probe found nothing to do: no slot (the poll pass makes it), or tables
    /// to re-send whole (the poll pass after the Realm transaction sends them, with its change in them).
    /// </summary>
    /// <param name="realmId">The path's RealmId, or the partitioned mapping's (whose slot and lock its Realms share).</param>
    /// <param name="memberRealmId">For a partitioned mapping, the Realm whose transaction probes: its net changes are matched.</param>
    public async Task<NpgsqlLogSequenceNumber?> ProbeAsync(
        NpgsqlConnection connection, int realmId, SchemaMapping mapping, PgConflictProbe probe, CancellationToken cancellationToken, int? memberRealmId = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        // A probe never makes a slot: creating one waits for every transaction with an xid, the applier's own included.
        if (await SlotStatusAsync(connection, realmId, cancellationToken) is null or "lost")
        {
            return null;
        }

        var (result, end) = await CaptureAsync(connection, realmId, mapping, null, (null, new HashSet<string>()), (probe, memberRealmId), cancellationToken);
        return result is null
            ? throw new PgCaptureRaceException($"Realm path '{mapping.RealmPath}': the conflict probe met a transaction committing as its snapshot was taken ({LastRace}); the Realm transaction is tried again.")
            : ReferenceEquals(result, Nothing) ? null : end;
    }

    /// <summary>The capture inside the caller's REPEATABLE READ transaction: null when the snapshot missed a transaction read (roll back, try again).</summary>
    private async Task<(PollResult? Result, NpgsqlLogSequenceNumber End)> CaptureAsync(
        NpgsqlConnection connection, int realmId, SchemaMapping mapping, string? slotLost, (int? RealmId, IReadOnlySet<string> Tables) forced,
        (PgConflictProbe Probe, int? MemberRealmId)? conflicts, CancellationToken cancellationToken)
    {
        var tablesForcedWhole = forced.RealmId is null ? forced.Tables : new HashSet<string>();
        PgSnapshot snapshot;
        await using (var take = new NpgsqlCommand("SELECT pg_catalog.pg_current_snapshot()::text;", connection))
        {
            snapshot = PgSnapshot.Parse((string)(await take.ExecuteScalarAsync(cancellationToken))!);
        }

        var store = new PgOutboxStore(connection);
        var position = await store.ReadPositionAsync(realmId, cancellationToken);
        var barrier = await PgChangeReader.EmitBarrierAsync(connection, cancellationToken);
        var slot = await PgCapture.SlotNameAsync(connection, realmId, cancellationToken);
        var batch = await new PgChangeReader(ConnectionString).ReadToBarrierAsync(slot, PgCapture.Name(realmId), barrier, cancellationToken);
        if (batch.End == default)
        {
            throw new ConnectorException($"Realm path '{mapping.RealmPath}': the replication stream of slot {slot} ended before the pass's barrier; nothing was written.", ExitCodes.Failure);
        }

        var fresh = batch.Transactions.Where(t => position is null || t.CommitLsn > position.Value).ToList();
        // Only transactions with changes matter (empty ones, and other passes' messages, carry nothing to read); the
        // connector's own count too: values read without one would send Realm an older SQL value.
        if (fresh.Where(t => t.Changes.Count > 0 && !snapshot.Sees(t.Xid)).Select(t => t.Xid).ToList() is { Count: > 0 } unseen)
        {
            LastRace = $"transaction(s) {string.Join(", ", unseen)} committed before the barrier but not visible in snapshot {snapshot.Xmin}:{snapshot.Xmax}";
            return (null, default);
        }

        var source = new ChangeTrackingSource(position is { } from ? (long)(ulong)from : 0, (long)(ulong)batch.End);
        if (mapping.Partitioned)
        {
            var everyRealm = position is null ? "never read: loaded whole (initial load)" : slotLost is null ? null : slotLost + ": re-sent whole";
            var probe = conflicts is { } c ? new PgPartitionCapture.Probe(
                c.Probe, c.MemberRealmId ?? throw new ArgumentException($"partitioned mapping '{mapping.RealmPath}': a conflict probe names the Realm whose transaction it is", nameof(conflicts)), (long)(ulong)batch.End) : null;
            var partitions = await PgPartitionCapture.CaptureAsync(
                connection, realmId, mapping, fresh.Where(t => !t.Marked).SelectMany(t => t.Changes), everyRealm,
                forced.RealmId is { } one ? (one, forced.Tables) : null, Options, store, source, batch.End, cancellationToken, probe);
            if (partitions is null)
            {
                return (Nothing, default); // a probe does not re-send tables whole (below)
            }

            await store.WritePositionAsync(realmId, batch.End, cancellationToken);
            return (partitions, batch.End);
        }

        var net = PgNetChanges.From(mapping, fresh.Where(t => !t.Marked).SelectMany(t => t.Changes));
        var reloads = Reloads(mapping, position, slotLost);
        reloads.AddRange(net.Truncated.Where(t => reloads.All(r => r.Table != t))
            .Select(t => new TableReload(mapping.SqlSchema, t, (long)(ulong)position!.Value, null, "truncated in PostgreSQL: re-sent whole")));
        var whole = ReloadScope.Classes(mapping, reloads.Select(r => r.Table).Concat(tablesForcedWhole).ToHashSet(StringComparer.Ordinal));
        if (conflicts is not null)
        {
            if (whole.Count > 0)
            {
                // A probe does not re-send tables whole: rows read before Realm's change would overwrite it in Realm.
                // The poll pass after the Realm transaction reloads them, with Realm's change in them.
                return (Nothing, default);
            }

            await conflicts.Value.Probe.MatchAsync(connection, mapping, net, (long)(ulong)batch.End, cancellationToken);
        }

        var output = await PgDeltaReads.WriteAsync(connection, mapping, net, whole, Options, store, realmId, source, cancellationToken);
        await store.WritePositionAsync(realmId, batch.End, cancellationToken);
        return (new PollResult((long)(ulong)batch.End, output.FirstVersion, output.Transactions, output.Batcher.Instructions, [.. reloads]), batch.End);
    }

    /// <summary>Every table, when the slot cannot say what changed: the path was never read, or its slot was lost.</summary>
    private static List<TableReload> Reloads(SchemaMapping mapping, NpgsqlLogSequenceNumber? position, string? slotLost)
    {
        var reason = position is null ? "never read: loaded whole (initial load)" : slotLost is null ? null : slotLost + ": re-sent whole";
        return reason is null
            ? []
            : [.. mapping.Tables.Select(t => new TableReload(mapping.SqlSchema, t.Name, position is { } p ? (long)(ulong)p : null, null, reason))];
    }

    private static PollResult Nothing { get; } = new(0, 0, 0, 0, []);

    private static async Task<string?> SlotStatusAsync(NpgsqlConnection connection, int realmId, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand(
            $"SELECT COALESCE(wal_status, '') FROM pg_catalog.pg_replication_slots WHERE slot_name = {PgCapture.SlotNameSql("$1::text")};", connection);
        read.Parameters.Add(new NpgsqlParameter { Value = realmId });
        return (string?)await read.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Creates the slot (and publication) when missing, dropping it first when PostgreSQL invalidated it; returns why the path must be re-sent whole, or null.</summary>
    private static async Task<string?> EnsureSlotAsync(NpgsqlConnection connection, int realmId, SchemaMapping mapping, CancellationToken cancellationToken)
    {
        var slot = await PgCapture.SlotNameAsync(connection, realmId, cancellationToken);
        var status = await SlotStatusAsync(connection, realmId, cancellationToken);
        string? lost = null;
        if (status == "lost")
        {
            await using var drop = new NpgsqlCommand("SELECT pg_catalog.pg_drop_replication_slot($1);", connection);
            drop.Parameters.Add(new NpgsqlParameter { Value = slot });
            await drop.ExecuteNonQueryAsync(cancellationToken);
            lost = $"replication slot {slot} was invalidated by PostgreSQL (max_slot_wal_keep_size): the changes it held are gone";
        }
        else if (status is null)
        {
            lost = $"replication slot {slot} was missing (dropped, or never created by install): the changes before it was created are unknown";
        }

        await PgCapture.EnsureAsync(connection, realmId, mapping, cancellationToken);
        return lost;
    }

    /// <summary>Takes (<c>pg_advisory_lock</c>) or releases (<c>pg_advisory_unlock</c>) the path's session lock that keeps its captures apart.</summary>
    public static async Task LockAsync(NpgsqlConnection connection, string function, int realmId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_catalog.{function}({CaptureLock}, $1);", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = realmId });
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
