using System.Data;
using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.SchemaGeneration;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// The reads of a pass for ONE Realm's outbound sequence, inside the caller's snapshot transaction: each table's
/// changes from its watermark up to <paramref name="to"/> (or the whole table for the classes re-sent whole), in the
/// shared phase order (<see cref="DeltaWalk"/>), written to the Realm's outbox a page at a time. With
/// <paramref name="partition"/>, a partitioned mapping's shared tables are read for that Realm's rows only
/// (<see cref="ChangeTrackingQueries"/>, <c>partitioned</c>); the watermarks are then the mapping's, moved by the caller,
/// and <paramref name="changedTables"/> names the tables holding changes of that Realm: the others are not read unless
/// whole (a read of them would find nothing).
/// </summary>
internal sealed class PollReads(
    SqlConnection connection, SqlTransaction transaction, SchemaMapping mapping, PollOptions options, int commandTimeout,
    IReadOnlyDictionary<(string Schema, string Table), long> watermarks, long to, int? partition = null, IReadOnlySet<string>? changedTables = null)
{
    private readonly DeltaConverter converter = new(mapping, options.ConnectorContext);
    private IReadOnlySet<string> whole = new HashSet<string>();
    private OutboxPages output = null!;

    /// <summary>Writes the pass's instructions for <paramref name="realmPath"/> to the outbox of <paramref name="realmId"/>.</summary>
    public async Task<OutboxPages> WriteAsync(
        OutboxStore store, int realmId, string realmPath, IReadOnlySet<string> wholeClasses, ChangeTrackingSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        whole = wholeClasses;
        var batcher = new OutboundBatcher(realmPath, await store.NextVersionAsync(realmId, cancellationToken), source, options.InstructionsPerTransaction);
        output = new OutboxPages(batcher, (outbound, token) => store.InsertAsync(realmId, outbound, token));
        await DeltaWalk.RunAsync(converter, whole, output.Buffer, ClassPagesAsync, CollectionPagesAsync, cancellationToken);
        await output.CompleteAsync(cancellationToken);
        return output;
    }

    private bool Partitioned => partition is not null;

    private async Task ClassPagesAsync(ClassMapping mapped, DeltaPhase phase, CancellationToken cancellationToken)
    {
        var table = converter.TableOf(mapped);
        var reload = whole.Contains(mapped.Class.Name);
        if (!reload && changedTables?.Contains(table.Name) == false)
        {
            return;
        }

        object? after = null;
        int rows;
        do
        {
            rows = 0;
            var sql = reload ? ChangeTrackingQueries.ClassReload(table, after is not null, Partitioned) : ChangeTrackingQueries.ClassChanges(table, after is not null, Partitioned);
            await using (var command = Command(sql, table, table, after))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    after = converter.ConvertClassRow(mapped, reader, phase, output.Buffer);
                    rows++;
                }
            }

            await output.EndPageAsync(cancellationToken);
        }
        while (rows == options.PageSize);
    }

    private async Task CollectionPagesAsync(ClassMapping owner, PropertyMapping property, CancellationToken cancellationToken)
    {
        var child = converter.TableOf(property);
        var ownerTable = converter.TableOf(owner);
        var reload = whole.Contains(owner.Class.Name);
        if (!reload && changedTables?.Contains(child.Name) == false)
        {
            return;
        }

        var collection = converter.Collection(owner, property);
        int owners;
        do
        {
            var before = collection.Owners;
            var after = collection.LastOwner;
            var sql = reload
                ? ChangeTrackingQueries.CollectionReload(child, ownerTable, after is not null, Partitioned)
                : ChangeTrackingQueries.CollectionChanges(child, ownerTable, after is not null, Partitioned);
            await using (var command = Command(sql, child, ownerTable, after))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    collection.Add(reader, output.Buffer);
                }
            }

            collection.Complete(output.Buffer);
            owners = collection.Owners - before;
            await output.EndPageAsync(cancellationToken);
        }
        while (owners == options.PageSize);
    }

    /// <param name="table">The table whose changes are read (its watermark is <see cref="ChangeTrackingQueries.From"/>).</param>
    /// <param name="keyTable">The table whose key orders the pages (<see cref="PageKey"/>).</param>
    private SqlCommand Command(string sql, SqlTableDefinition table, SqlTableDefinition keyTable, object? afterKey)
    {
        var command = new SqlCommand(sql, connection, transaction) { CommandTimeout = commandTimeout };
        var from = watermarks.TryGetValue((table.Schema, table.Name), out var w) ? w : 0;
        command.Parameters.Add(ChangeTrackingQueries.From, SqlDbType.BigInt).Value = from;
        command.Parameters.Add(ChangeTrackingQueries.To, SqlDbType.BigInt).Value = to;
        command.Parameters.Add(ChangeTrackingQueries.Context, SqlDbType.VarBinary, 128).Value = options.ConnectorContext.ToArray();
        command.Parameters.Add(ChangeTrackingQueries.PageSize, SqlDbType.Int).Value = options.PageSize;
        if (partition is { } realm)
        {
            command.Parameters.Add(ChangeTrackingQueries.Realm, SqlDbType.Int).Value = realm;
        }

        if (afterKey is not null)
        {
            command.Parameters.Add(PageKey.Parameter(keyTable, afterKey));
        }

        return command;
    }
}
