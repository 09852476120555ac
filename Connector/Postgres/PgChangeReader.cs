using Npgsql;
using Npgsql.Replication;
using Npgsql.Replication.PgOutput;
using Npgsql.Replication.PgOutput.Messages;
using NpgsqlTypes;

namespace Connector.Postgres;

/// <summary>A row change read from the slot: its table, kind, and the column values as PostgreSQL's text (null for NULL).</summary>
public sealed record PgRowChange(string Schema, string Table, PgChangeKind Kind, IReadOnlyDictionary<string, string?> Values);

public enum PgChangeKind
{
    Insert,
    Update,
    Delete,
}

/// <summary>
/// Reads the committed changes of a Realm path's slot (<see cref="PgCapture"/>) up to a barrier message the read emits
/// first, through Npgsql's logical replication API with <c>pgoutput</c>, in commit order, leaving out every
/// transaction that carries the connector's marker. It does not confirm anything: <see cref="ConfirmAsync"/> moves the
/// slot once the caller has stored what it read, so that a crash in between reads the same changes again.
/// </summary>
public sealed class PgChangeReader(string connectionString)
{
    private const string BarrierPrefix = "realmsync-read";

    private static async Task<string> Text(LogicalDecodingMessage message)
    {
        using var reader = new StreamReader(message.Data, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    public async Task<(IReadOnlyList<PgRowChange> Changes, NpgsqlLogSequenceNumber End)> ReadAsync(int realmId, CancellationToken cancellationToken)
    {
        var publication = PgCapture.Name(realmId);
        string slot;
        var barrier = Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            // A non-transactional message is decoded at its own place in the WAL, after every commit before it: the
            // read ends when it arrives (the walsender's keepalives carry the WAL end, not how far decoding got).
            await connection.OpenAsync(cancellationToken);
            slot = await PgCapture.SlotNameAsync(connection, realmId, cancellationToken);
            await using var emit = new NpgsqlCommand($"SELECT pg_catalog.pg_logical_emit_message(false, '{BarrierPrefix}', $1);", connection);
            emit.Parameters.Add(new NpgsqlParameter { Value = barrier });
            await emit.ExecuteScalarAsync(cancellationToken);
        }

        await using var replication = new LogicalReplicationConnection(connectionString);
        await replication.Open(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var changes = new List<PgRowChange>();
        var pending = new List<PgRowChange>();
        var marked = false;
        var end = default(NpgsqlLogSequenceNumber);
        var options = new PgOutputReplicationOptions([publication], PgOutputProtocolVersion.V1, messages: true);
        try
        {
            await foreach (var message in replication.StartReplication(new PgOutputReplicationSlot(slot), options, stop.Token))
            {
                switch (message)
                {
                    case BeginMessage:
                        pending.Clear();
                        marked = false;
                        break;
                    case LogicalDecodingMessage { Prefix: BarrierPrefix } reached when await Text(reached) == barrier:
                        end = reached.MessageLsn; // everything committed before it has been read: confirming it also drops the barrier
                        await stop.CancelAsync();
                        break;
                    case LogicalDecodingMessage { Prefix: PgCapture.MarkerPrefix }:
                        marked = true;
                        break;
                    case InsertMessage insert:
                        pending.Add(await ChangeAsync(insert.Relation, PgChangeKind.Insert, insert.NewRow, stop.Token));
                        break;
                    case UpdateMessage update:
                        pending.Add(await ChangeAsync(update.Relation, PgChangeKind.Update, update.NewRow, stop.Token));
                        break;
                    case KeyDeleteMessage delete:
                        pending.Add(await ChangeAsync(delete.Relation, PgChangeKind.Delete, delete.Key, stop.Token));
                        break;
                    case FullDeleteMessage delete:
                        pending.Add(await ChangeAsync(delete.Relation, PgChangeKind.Delete, delete.OldRow, stop.Token));
                        break;
                    case CommitMessage commit:
                        if (!marked)
                        {
                            changes.AddRange(pending);
                        }

                        pending.Clear();
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Reached the barrier.
        }

        return (changes, end);
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
        await using var advance = new NpgsqlCommand("SELECT pg_catalog.pg_replication_slot_advance($1, $2);", connection);
        advance.Parameters.Add(new NpgsqlParameter { Value = await PgCapture.SlotNameAsync(connection, realmId, cancellationToken) });
        advance.Parameters.Add(new NpgsqlParameter { Value = lsn, NpgsqlDbType = NpgsqlDbType.PgLsn });
        await advance.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<PgRowChange> ChangeAsync(RelationMessage relation, PgChangeKind kind, ReplicationTuple row, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var i = 0;
        await foreach (var value in row.WithCancellation(cancellationToken))
        {
            var column = relation.Columns[i++].ColumnName;
            values[column] = value.IsDBNull || value.IsUnchangedToastedValue ? null : await value.Get<string>(cancellationToken);
        }

        return new PgRowChange(relation.Namespace, relation.RelationName, kind, values);
    }
}
