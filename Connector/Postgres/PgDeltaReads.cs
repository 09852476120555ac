using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.SchemaGeneration;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// The reads of one capture pass (<see cref="PgCapturePass"/>) inside its snapshot transaction: the changed keys a
/// page at a time (<see cref="PgDeltaQueries.ClassChanges"/>), or a whole table by key pages when its class is re-sent
/// whole; every page's instructions go to the batcher and the transactions it completes to the outbox before the
/// next read, so memory holds one page.
/// </summary>
internal sealed class PgDeltaReads(
    NpgsqlConnection connection, SchemaMapping mapping, PgNetChanges net, IReadOnlySet<string> whole, PollOptions options, PgOutboxStore store, int realmId)
{
    public DeltaConverter Converter { get; } = new(mapping, ReadOnlyMemory<byte>.Empty);

    /// <summary>
    /// The pass's instructions for one Realm path, written to its outbox in the shared phase order (<see cref="DeltaWalk"/>):
    /// the net changes read with their current values, the classes of <paramref name="whole"/> read whole.
    /// </summary>
    public static async Task<OutboxPages> WriteAsync(
        NpgsqlConnection connection, SchemaMapping mapping, PgNetChanges net, IReadOnlySet<string> whole, PollOptions options, PgOutboxStore store, int realmId,
        ChangeTrackingSource source, CancellationToken cancellationToken)
    {
        var reads = new PgDeltaReads(connection, mapping, net, whole, options, store, realmId);
        var output = await reads.StartAsync(source, cancellationToken);
        await DeltaWalk.RunAsync(reads.Converter, whole, output.Buffer, reads.ClassPagesAsync, reads.CollectionPagesAsync, cancellationToken);
        await output.CompleteAsync(cancellationToken);
        return output;
    }

    public OutboxPages Output { get; private set; } = null!;

    public async Task<OutboxPages> StartAsync(ChangeTrackingSource source, CancellationToken cancellationToken)
    {
        var batcher = new OutboundBatcher(mapping.RealmPath, await store.NextVersionAsync(realmId, cancellationToken), source, options.InstructionsPerTransaction);
        return Output = new OutboxPages(batcher, (outbound, token) => store.InsertAsync(realmId, outbound, token));
    }

    public async Task ClassPagesAsync(ClassMapping mapped, DeltaPhase phase, CancellationToken cancellationToken)
    {
        var table = Converter.TableOf(mapped);
        if (!whole.Contains(mapped.Class.Name))
        {
            foreach (var page in net.Keys(table.Name).Chunk(options.PageSize))
            {
                await using (var command = new NpgsqlCommand(PgDeltaQueries.ClassChanges(mapping, table), connection))
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = page.Select(k => k.Key).ToArray() });
                    command.Parameters.Add(new NpgsqlParameter { Value = page.Select(k => k.Operation).ToArray() });
                    await ReadClassRowsAsync(command, mapped, phase, cancellationToken);
                }

                await Output.EndPageAsync(cancellationToken);
            }

            return;
        }

        object? after = null;
        int rows;
        do
        {
            await using (var command = new NpgsqlCommand(PgDeltaQueries.ClassReload(mapping, table), connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = after ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter { Value = options.PageSize });
                (rows, after) = await ReadClassRowsAsync(command, mapped, phase, cancellationToken, after);
            }

            await Output.EndPageAsync(cancellationToken);
        }
        while (rows == options.PageSize);
    }

    public async Task CollectionPagesAsync(ClassMapping owner, PropertyMapping property, CancellationToken cancellationToken)
    {
        var child = Converter.TableOf(property);
        var ownerTable = Converter.TableOf(owner);
        var collection = Converter.Collection(owner, property);
        if (!whole.Contains(owner.Class.Name))
        {
            foreach (var page in net.Owners(child.Name).Chunk(options.PageSize))
            {
                await using (var command = new NpgsqlCommand(PgDeltaQueries.CollectionChanges(mapping, child, ownerTable), connection))
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = page });
                    await ReadCollectionRowsAsync(command, collection, cancellationToken);
                }

                await Output.EndPageAsync(cancellationToken);
            }

            return;
        }

        int owners;
        do
        {
            var before = collection.Owners;
            await using (var command = new NpgsqlCommand(PgDeltaQueries.CollectionReload(mapping, child, ownerTable), connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = collection.LastOwner ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter { Value = options.PageSize });
                await ReadCollectionRowsAsync(command, collection, cancellationToken);
            }

            owners = collection.Owners - before;
            await Output.EndPageAsync(cancellationToken);
        }
        while (owners == options.PageSize);
    }

    private async Task<(int Rows, object? Last)> ReadClassRowsAsync(
        NpgsqlCommand command, ClassMapping mapped, DeltaPhase phase, CancellationToken cancellationToken, object? last = null)
    {
        var rows = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            last = Converter.ConvertClassRow(mapped, reader, phase, Output.Buffer);
            rows++;
        }

        return (rows, last);
    }

    private async Task ReadCollectionRowsAsync(NpgsqlCommand command, CollectionDeltaConverter collection, CancellationToken cancellationToken)
    {
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                collection.Add(reader, Output.Buffer);
            }
        }

        collection.Complete(Output.Buffer);
    }
}
