using System.Collections.Immutable;
using System.Data;
using System.Data.Common;
using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.SchemaGeneration;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// The reads and writes of one pass, inside the caller's snapshot transaction (see <see cref="ChangeTrackingPoller"/>).
/// Every read runs with <paramref name="commandTimeout"/>, which grows with the backlog (<see cref="PollTimeouts"/>).
/// <paramref name="tablesForcedWhole"/> (<c>resend</c>, <see cref="ResendScope.Tables"/>) are re-sent whole as if their
/// watermarks had fallen behind the retention, with the same reload scope.
/// </summary>
internal sealed class PollPass(
    SqlConnection connection, SqlTransaction transaction, int realmId, SchemaMapping mapping, PollOptions options, int commandTimeout, IReadOnlySet<string>? tablesForcedWhole = null)
{
    private readonly OutboxStore store = new(connection, transaction);
    private readonly DeltaConverter converter = new(mapping, options.ConnectorContext);
    private Dictionary<(string Schema, string Table), long> watermarks = [];
    private HashSet<string> whole = [];
    private OutboxPages output = null!;
    private long to;

    public async Task<PollResult> RunAsync(CancellationToken cancellationToken)
    {
        to = await CurrentVersionAsync(cancellationToken)
            ?? throw new ChangeTrackingException("Change Tracking is not enabled on this database. Run 'install --enable-change-tracking', or scripts/enable-change-tracking.sql as db_owner.", exitCode: ExitCodes.NotReady);
        watermarks = await store.ReadWatermarksAsync(realmId, cancellationToken);
        var reloads = await CheckRetentionAsync(cancellationToken);
        whole = ReloadScope.Classes(mapping, reloads.Select(r => r.Table).Concat(tablesForcedWhole ?? new HashSet<string>()).ToHashSet(StringComparer.Ordinal));
        var from = mapping.Tables.Select(t => watermarks.TryGetValue((t.Schema, t.Name), out var w) ? w : 0).DefaultIfEmpty(to).Min();
        var batcher = new OutboundBatcher(mapping.RealmPath, await store.NextVersionAsync(realmId, cancellationToken), new ChangeTrackingSource(from, to), options.InstructionsPerTransaction);
        output = new OutboxPages(batcher, (outbound, token) => store.InsertAsync(realmId, outbound, token));

        await DeltaWalk.RunAsync(converter, whole, output.Buffer, ClassPagesAsync, CollectionPagesAsync, cancellationToken);
        await output.CompleteAsync(cancellationToken);
        foreach (var table in mapping.Tables)
        {
            await store.UpsertWatermarkAsync(realmId, table.Schema, table.Name, to, cancellationToken);
        }

        return new PollResult(to, output.FirstVersion, output.Transactions, batcher.Instructions, [.. reloads]);
    }

    private async Task<List<TableReload>> CheckRetentionAsync(CancellationToken cancellationToken)
    {
        var reloads = new List<TableReload>();
        foreach (var table in mapping.Tables)
        {
            var name = ChangeTrackingQueries.TableName(table);
            var status = await TrackingStatus.ReadAsync(connection, transaction, name, cancellationToken, commandTimeout);
            if (status.Problem(name) is { } problem)
            {
                throw new ChangeTrackingException($"Realm path '{mapping.RealmPath}' cannot be polled: {problem}", exitCode: ExitCodes.NotReady);
            }

            var minValid = status.MinValidVersion!.Value;
            long? watermark = watermarks.TryGetValue((table.Schema, table.Name), out var w) ? w : null;
            if (watermark is null)
            {
                reloads.Add(new TableReload(table.Schema, table.Name, null, minValid, "never read: loaded whole (initial load)"));
            }
            else if (watermark < minValid)
            {
                reloads.Add(new TableReload(table.Schema, table.Name, watermark, minValid,
                    "its watermark is below CHANGE_TRACKING_MIN_VALID_VERSION (changes were cleaned up before they were read): re-sent whole; consider a longer CHANGE_RETENTION or polling more often"));
            }
        }

        return reloads;
    }

    private async Task ClassPagesAsync(ClassMapping mapped, DeltaPhase phase, CancellationToken cancellationToken)
    {
        var table = converter.TableOf(mapped);
        var reload = whole.Contains(mapped.Class.Name);
        object? after = null;
        int rows;
        do
        {
            rows = 0;
            var sql = reload ? ChangeTrackingQueries.ClassReload(table, after is not null) : ChangeTrackingQueries.ClassChanges(table, after is not null);
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
        var collection = converter.Collection(owner, property);
        int owners;
        do
        {
            var before = collection.Owners;
            var after = collection.LastOwner;
            var sql = reload ? ChangeTrackingQueries.CollectionReload(child, ownerTable, after is not null) : ChangeTrackingQueries.CollectionChanges(child, ownerTable, after is not null);
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
        if (afterKey is not null)
        {
            command.Parameters.Add(PageKey.Parameter(keyTable, afterKey));
        }

        return command;
    }

    private async Task<long?> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(ChangeTrackingQueries.CurrentVersion, connection, transaction) { CommandTimeout = commandTimeout };
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
