using System.Globalization;
using Connector.ChangeTracking;
using Connector.Journal;
using Connector.Scheduling;
using Connector.Sql;
using Microsoft.Extensions.Logging;

namespace Connector.Postgres;

/// <summary>
/// The poll job's pass on PostgreSQL: every served Realm path's slot read into the outbox (<see cref="PgCapturePass"/>),
/// each path on its own retries (a transient error rolled the pass back: nothing was written, the slot did not move).
/// A path re-sent whole, and a path still failing after its retries, is a warning; the other paths are still read.
/// </summary>
public sealed class PgPollPass(ServedRealms served, PgConnectionFactory connections, PgCapturePass capture, ILogger<PgPollPass> logger) : IPollPass
{
    public async ValueTask<PassResult> RunAsync(CancellationToken cancellationToken)
    {
        var (realms, warnings) = await served.ListCapturedAsync(cancellationToken);
        var allWarnings = warnings.ToList();
        var policy = RetryPolicy.ForSync(capture.Options.MaxRetries, capture.Options.RetryDelay);
        var transactions = 0;
        long instructions = 0;
        var paths = new List<RealmPathCounts>();
        foreach (var realm in realms)
        {
            try
            {
                var result = await policy.ExecuteAsync(
                    async (_, token) =>
                    {
                        await using var connection = await connections.OpenAsync(token);
                        var mapping = await PgCatalogStore.LoadMappingAsync(connection, realm.RealmId, token);
                        return mapping is null ? null : await capture.RunAsync(connection, realm.RealmId, mapping, new HashSet<string>(), token);
                    },
                    PgErrors.IsTransient,
                    (e, attempt, wait) => logger.LogWarning(
                        "Realm path {RealmPath}: capture attempt {Attempt} failed transiently ({Error}); rolled back, retrying in {Wait}", realm.RealmPath, attempt, e.Message, wait),
                    cancellationToken);
                if (result is null)
                {
                    allWarnings.Add($"Realm path '{realm.RealmPath}' has no schema deployment in realmsync.\"SchemaDeployment\"; nothing to capture");
                    continue;
                }

                transactions += result.Transactions;
                instructions += result.Instructions;
                paths.AddRange(result.Paths ?? [new RealmPathCounts(realm.RealmPath) { OutboxTransactions = result.Transactions, OutboxInstructions = result.Instructions, Captured = true }]);
                allWarnings.AddRange(result.Reloads.Select(r => Reloaded(realm.RealmPath, r)));
                allWarnings.AddRange(result.Warnings);
            }
            catch (Exception e) when (PgErrors.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                allWarnings.Add($"Realm path '{realm.RealmPath}': the capture failed {policy.MaxAttempts} time(s) with a transient error (last: {e.Message}); " +
                    "nothing of it was committed and the slot did not move: the next pass reads the same changes");
            }
        }

        return new PassResult(transactions, (int)Math.Min(instructions, int.MaxValue), allWarnings, []) { Paths = paths };
    }

    private static string Reloaded(string realmPath, TableReload reload)
    {
        ArgumentNullException.ThrowIfNull(reload);
        return $"Realm path '{realmPath}': table \"{reload.Schema}\".\"{reload.Table}\" re-sent whole (CLEAR + INSERTs): {reload.Reason} " +
            $"(stored position {(reload.Watermark is { } w ? new NpgsqlTypes.NpgsqlLogSequenceNumber((ulong)w).ToString() : "none")})";
    }
}

/// <summary>
/// The ship job's pass on PostgreSQL: every served Realm path's unshipped outbox transactions written to its outbound
/// journal. One at a time in the process: run's capture loop ships right after a capture, and the ship job on its interval.
/// </summary>
public sealed class PgShipPass(ServedRealms served, PgConnectionFactory connections, JournalPaths journal) : IShipPass, IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async ValueTask<PassResult> RunAsync(CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            return await OutboxShipper.ShipServedAsync(served, journal, async token =>
            {
                var connection = await connections.OpenAsync(token);
                return (new PgOutboxStore(connection), connection);
            }, cancellationToken);
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();
}
