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

    public async Task<PollResult> RunAsync(CancellationToken cancellationToken)
    {
        var (to, watermarks, reloads) = await StartAsync(connection, transaction, store, realmId, mapping, commandTimeout, cancellationToken);
        var whole = ReloadScope.Classes(mapping, reloads.Select(r => r.Table).Concat(tablesForcedWhole ?? new HashSet<string>()).ToHashSet(StringComparer.Ordinal));
        var reads = new PollReads(connection, transaction, mapping, options, commandTimeout, watermarks, to);
        var output = await reads.WriteAsync(store, realmId, mapping.RealmPath, whole, Source(mapping, watermarks, to), cancellationToken);
        await MoveWatermarksAsync(store, realmId, mapping, to, cancellationToken);
        return new PollResult(to, output.FirstVersion, output.Transactions, output.Batcher.Instructions, [.. reloads]);
    }

    /// <summary>
    /// What every pass reads first, in its snapshot: Change Tracking's current version, the watermarks of
    /// <paramref name="watermarkRealm"/>, and the tables that must be read whole (never read, or behind the retention).
    /// </summary>
    public static async Task<(long To, Dictionary<(string Schema, string Table), long> Watermarks, List<TableReload> Reloads)> StartAsync(
        SqlConnection connection, SqlTransaction transaction, OutboxStore store, int watermarkRealm, SchemaMapping mapping, int commandTimeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(mapping);
        var to = await CurrentVersionAsync(connection, transaction, commandTimeout, cancellationToken)
            ?? throw new ChangeTrackingException("Change Tracking is not enabled on this database. Run 'install --enable-change-tracking', or scripts/enable-change-tracking.sql as db_owner.", exitCode: ExitCodes.NotReady);
        var watermarks = await store.ReadWatermarksAsync(watermarkRealm, cancellationToken);
        var reloads = await CheckRetentionAsync(connection, transaction, mapping, watermarks, commandTimeout, cancellationToken);
        return (to, watermarks, reloads);
    }

    /// <summary>The range the pass read, for the outbound transactions' source: from the lowest watermark of the mapping's tables.</summary>
    public static ChangeTrackingSource Source(SchemaMapping mapping, IReadOnlyDictionary<(string Schema, string Table), long> watermarks, long to)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var from = mapping.Tables.Select(t => watermarks.TryGetValue((t.Schema, t.Name), out var w) ? w : 0).DefaultIfEmpty(to).Min();
        return new ChangeTrackingSource(from, to);
    }

    /// <summary>Every table of the mapping read up to <paramref name="to"/> for <paramref name="realm"/>.</summary>
    public static async Task MoveWatermarksAsync(OutboxStore store, int realm, SchemaMapping mapping, long to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(mapping);
        foreach (var table in mapping.Tables)
        {
            await store.UpsertWatermarkAsync(realm, table.Schema, table.Name, to, cancellationToken);
        }
    }

    private static async Task<List<TableReload>> CheckRetentionAsync(
        SqlConnection connection, SqlTransaction transaction, SchemaMapping mapping, Dictionary<(string Schema, string Table), long> watermarks, int commandTimeout,
        CancellationToken cancellationToken)
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

    private static async Task<long?> CurrentVersionAsync(SqlConnection connection, SqlTransaction transaction, int commandTimeout, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(ChangeTrackingQueries.CurrentVersion, connection, transaction) { CommandTimeout = commandTimeout };
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
