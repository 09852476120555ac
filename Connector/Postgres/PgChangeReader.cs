using Npgsql;
using Npgsql.Replication;
using Npgsql.Replication.PgOutput;
using Npgsql.Replication.PgOutput.Messages;
using NpgsqlTypes;

namespace Connector.Postgres;

/// <summary>
/// A row change read from the slot: its table, kind, and the column values as PostgreSQL's text (null for NULL or an
/// unchanged TOASTed value). <see cref="OldKey"/> is the replica identity before an UPDATE that changed it, or the
/// deleted row's key.
/// </summary>
public sealed record PgRowChange(
    string Schema, string Table, PgChangeKind Kind, IReadOnlyDictionary<string, string?> Values, IReadOnlyDictionary<string, string?>? OldKey = null);

public enum PgChangeKind
{
    Insert,
    Update,
    Delete,

    /// <summary>The table was truncated: its rows are gone without a change per key.</summary>
    Truncate,
}

/// <summary>One decoded transaction: its id (to check against a snapshot), where it committed, and whether the connector wrote it.</summary>
public sealed record PgDecodedTransaction(uint Xid, NpgsqlLogSequenceNumber CommitLsn, bool Marked, IReadOnlyList<PgRowChange> Changes);

/// <summary>What a read returned: every transaction committed before the barrier, in commit order, and the barrier's position.</summary>
public sealed class PgChangeBatch(IReadOnlyList<PgDecodedTransaction> transactions, NpgsqlLogSequenceNumber end)
{
    public IReadOnlyList<PgDecodedTransaction> Transactions { get; } = transactions;

    public NpgsqlLogSequenceNumber End { get; } = end;

    /// <summary>The changes of the transactions the connector did not write.</summary>
    public IReadOnlyList<PgRowChange> Changes => [.. Transactions.Where(t => !t.Marked).SelectMany(t => t.Changes)];

    public void Deconstruct(out IReadOnlyList<PgRowChange> changes, out NpgsqlLogSequenceNumber end)
    {
        changes = Changes;
        end = End;
    }
}

/// <summary>
/// Reads the committed changes of a Realm path's slot (<see cref="PgCapture"/>) up to a barrier message, through
/// Npgsql's logical replication API with <c>pgoutput</c>, in commit order; transactions that carry the connector's
/// marker are flagged <see cref="PgDecodedTransaction.Marked"/>. It does not confirm anything: <see cref="ConfirmAsync"/>
/// moves the slot once the caller has stored what it read, so that a crash in between reads the same changes again.
/// </summary>
public sealed class PgChangeReader(string connectionString)
{
    /// <summary>The prefix of the barrier a read emits (a watcher of the slot steps aside when it sees one).</summary>
    public const string BarrierPrefix = "realmsync-read";
    private const string FlushPrefix = "realmsync-flush";

    /// <summary>
    /// Emits a barrier on <paramref name="connection"/> (inside the caller's transaction if any: the message is not
    /// transactional, it is written at once) and returns its id for <see cref="ReadToBarrierAsync"/>.
    /// </summary>
    public static async Task<string> EmitBarrierAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var barrier = Guid.NewGuid().ToString("N");
        await using var emit = new NpgsqlCommand($"SELECT pg_catalog.pg_logical_emit_message(false, '{BarrierPrefix}', $1);", connection);
        emit.Parameters.Add(new NpgsqlParameter { Value = barrier });
        await emit.ExecuteScalarAsync(cancellationToken);
        return barrier;
    }

    /// <summary>Emits a barrier on a connection of its own and reads up to it.</summary>
    public async Task<PgChangeBatch> ReadAsync(int realmId, CancellationToken cancellationToken)
    {
        string slot;
        string barrier;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            slot = await PgCapture.SlotNameAsync(connection, realmId, cancellationToken);
            barrier = await EmitBarrierAsync(connection, cancellationToken);
        }

        return await ReadToBarrierAsync(slot, PgCapture.Name(realmId), barrier, cancellationToken);
    }

    /// <summary>Reads the slot from its confirmed position up to the barrier <paramref name="barrier"/>.</summary>
    public async Task<PgChangeBatch> ReadToBarrierAsync(string slot, string publication, string barrier, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        // Keys are read as text: bytea in hex whatever the server's default, so that they cast back exactly.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Options = "-c bytea_output=hex" };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StreamToBarrierAsync(builder.ConnectionString, slot, publication, barrier, cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == "55006" && attempt < 50)
            {
                // The slot is still held by a stream that is closing (a watcher of run's, or a walsender exiting).
                await Task.Delay(TimeSpan.FromMilliseconds(40), cancellationToken);
            }
        }
    }

    private static async Task<PgChangeBatch> StreamToBarrierAsync(string connectionString, string slot, string publication, string barrier, CancellationToken cancellationToken)
    {
        await using var replication = new LogicalReplicationConnection(connectionString);
        await replication.Open(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var transactions = new List<PgDecodedTransaction>();
        var pending = new List<PgRowChange>();
        var marked = false;
        uint xid = 0;
        var end = default(NpgsqlLogSequenceNumber);
        var options = new PgOutputReplicationOptions([publication], PgOutputProtocolVersion.V1, messages: true);
        try
        {
            await foreach (var message in replication.StartReplication(new PgOutputReplicationSlot(slot), options, stop.Token))
            {
                switch (message)
                {
                    case BeginMessage begin:
                        pending = [];
                        marked = false;
                        xid = begin.TransactionXid;
                        break;
                    case LogicalDecodingMessage { Prefix: BarrierPrefix } reached when await Text(reached) == barrier:
                        // A non-transactional message is decoded at its own place in the WAL, after every commit before
                        // it: the read ends here (the walsender's keepalives carry the WAL end, not how far decoding got).
                        end = reached.MessageLsn;
                        break;
                    case LogicalDecodingMessage { Prefix: PgCapture.MarkerPrefix }:
                        marked = true;
                        break;
                    case InsertMessage insert:
                        pending.Add(await ChangeAsync(insert.Relation, PgChangeKind.Insert, insert.NewRow, null, stop.Token));
                        break;
                    case IndexUpdateMessage update:
                        pending.Add(await ChangeAsync(update.Relation, PgChangeKind.Update, update.NewRow, update.Key, stop.Token));
                        break;
                    case FullUpdateMessage update:
                        pending.Add(await ChangeAsync(update.Relation, PgChangeKind.Update, update.NewRow, update.OldRow, stop.Token));
                        break;
                    case UpdateMessage update:
                        pending.Add(await ChangeAsync(update.Relation, PgChangeKind.Update, update.NewRow, null, stop.Token));
                        break;
                    case KeyDeleteMessage delete:
                        pending.Add(await ChangeAsync(delete.Relation, PgChangeKind.Delete, delete.Key, null, stop.Token));
                        break;
                    case FullDeleteMessage delete:
                        pending.Add(await ChangeAsync(delete.Relation, PgChangeKind.Delete, delete.OldRow, null, stop.Token));
                        break;
                    case TruncateMessage truncate:
                        pending.AddRange(truncate.Relations.Select(r => new PgRowChange(r.Namespace, r.RelationName, PgChangeKind.Truncate, new Dictionary<string, string?>())));
                        break;
                    case CommitMessage commit:
                        transactions.Add(new PgDecodedTransaction(xid, commit.CommitLsn, marked, pending));
                        pending = [];
                        break;
                }

                if (end != default)
                {
                    await stop.CancelAsync(); // what the server sent after the barrier is not read
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Reached the barrier.
        }

        return new PgChangeBatch(transactions, end);
    }

    /// <summary>Tells the server everything up to <paramref name="lsn"/> is stored: the slot lets that WAL go.</summary>
    public async Task ConfirmAsync(int realmId, NpgsqlLogSequenceNumber lsn, CancellationToken cancellationToken)
    {
        if (lsn == default)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var slot = await PgCapture.SlotNameAsync(connection, realmId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Idempotent: a slot already past the position (a later pass confirmed) is left alone.
                await using var advance = new NpgsqlCommand(
                    "SELECT pg_catalog.pg_replication_slot_advance(slot_name, $2) FROM pg_catalog.pg_replication_slots WHERE slot_name = $1 AND confirmed_flush_lsn < $2;",
                    connection);
                advance.Parameters.Add(new NpgsqlParameter { Value = slot });
                advance.Parameters.Add(new NpgsqlParameter { Value = lsn, NpgsqlDbType = NpgsqlDbType.PgLsn });
                await advance.ExecuteNonQueryAsync(cancellationToken);
                return;
            }
            catch (PostgresException e) when (e.SqlState == "55006" && attempt < 50)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(40), cancellationToken); // held by a stream that is closing
            }
        }
    }

    /// <summary>
    /// The walsender sends only WAL flushed to disk, and a non-transactional message is not flushed by itself (before
    /// PostgreSQL 17 it has no flush argument): a transaction committed after it, synchronously, flushes the WAL past
    /// the barrier. The slot decodes it after the barrier, so the read never meets it.
    /// </summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var flush = new NpgsqlCommand($"SET synchronous_commit = on; SELECT pg_catalog.pg_logical_emit_message(true, '{FlushPrefix}', '');", connection);
        await flush.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string> Text(LogicalDecodingMessage message)
    {
        using var reader = new StreamReader(message.Data, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static async Task<PgRowChange> ChangeAsync(
        RelationMessage relation, PgChangeKind kind, ReplicationTuple row, ReplicationTuple? old, CancellationToken cancellationToken)
    {
        // The old key comes first on the wire, and a tuple is read where it stands in the stream.
        var oldKey = old is null ? null : await ValuesAsync(relation, old, cancellationToken);
        var values = await ValuesAsync(relation, row, cancellationToken);
        return new PgRowChange(relation.Namespace, relation.RelationName, kind, values, oldKey);
    }

    private static async Task<Dictionary<string, string?>> ValuesAsync(RelationMessage relation, ReplicationTuple row, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var i = 0;
        await foreach (var value in row.WithCancellation(cancellationToken))
        {
            var column = relation.Columns[i++].ColumnName;
            values[column] = value.IsDBNull || value.IsUnchangedToastedValue ? null : await value.Get<string>(cancellationToken);
        }

        return values;
    }
}
