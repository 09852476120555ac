using System.Data;
using System.Globalization;
using Connector.Catalog;
using Connector.ChangeTracking;
using Connector.Scheduling;
using Connector.Sql;
using Connector.SqlServer.Catalog;
using Connector.SqlServer.Sql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// The poll job's pass: for every served Realm path, one snapshot read of Change Tracking into the outbox
/// (ChangeTrackingPoller); for a partitioned mapping, one such read of its shared tables for all its Realms, each change
/// to the outbox of the Realm its row names (<see cref="PartitionPollPass"/>). A table re-sent whole because it fell behind the retention is a warning. Each path is
/// retried on its own (<see cref="PollRetry"/>): a path still failing transiently after the retries is a warning and
/// the other paths are still polled.
/// </summary>
public sealed class ChangeTrackingPollPass : IPollPass
{
    private readonly ServedRealms served;
    private readonly SqlConnectionFactory connections;
    private readonly ChangeTrackingPoller poller;
    private readonly PollRetry retry;

    /// <param name="retry">The policy; by default that of <see cref="PollOptions.MaxRetries"/> and <see cref="PollOptions.RetryDelay"/>.</param>
    public ChangeTrackingPollPass(
        ServedRealms served, SqlConnectionFactory connections, ChangeTrackingPoller poller, ILogger<ChangeTrackingPollPass>? logger = null, RetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(poller);
        this.served = served;
        this.connections = connections;
        this.poller = poller;
        this.retry = new PollRetry(
            retry ?? RetryPolicy.ForSync(poller.Options.MaxRetries, poller.Options.RetryDelay), new PollTimeouts(), logger ?? NullLogger<ChangeTrackingPollPass>.Instance);
    }

    public async ValueTask<PassResult> RunAsync(CancellationToken cancellationToken)
    {
        // The captured list names each partitioned mapping once (its row), never its Realms one by one.
        var (realms, warnings) = await served.ListCapturedAsync(cancellationToken);
        return await PollEachAsync(realms, warnings, PollAsync, cancellationToken);
    }

    /// <summary>
    /// Polls each path in turn, each through its own retries; a path that still fails transiently, or has nothing
    /// deployed, is a warning and the next path is polled. <paramref name="poll"/> is one attempt for one path, given
    /// the path's timeout factor (<see cref="PollTimeouts"/>); null when the path has no deployment.
    /// </summary>
    public async Task<PassResult> PollEachAsync(
        IReadOnlyList<MappedRealm> realms, IReadOnlyList<string> warnings, Func<MappedRealm, int, CancellationToken, Task<PollResult?>> poll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(realms);
        ArgumentNullException.ThrowIfNull(poll);
        var allWarnings = warnings.ToList();
        var transactions = 0;
        long instructions = 0;
        var paths = new List<RealmPathCounts>();
        foreach (var realm in realms)
        {
            var (result, failed) = await retry.RunAsync(realm.RealmPath, (factor, token) => poll(realm, factor, token), cancellationToken);
            if (failed is not null || result is null)
            {
                allWarnings.Add(failed ?? $"Realm path '{realm.RealmPath}' has no schema deployment in realmsync.SchemaDeployment; nothing to poll");
                continue;
            }

            transactions += result.Transactions;
            instructions += result.Instructions;
            paths.AddRange(result.Paths ?? [new RealmPathCounts(realm.RealmPath) { OutboxTransactions = result.Transactions, OutboxInstructions = result.Instructions, Captured = true }]);
            // A partitioned mapping's pass words its reloads itself (for every Realm it visited), among its warnings.
            allWarnings.AddRange(result.Paths is not null ? [] : result.Reloads.Select(r =>
                $"Realm path '{realm.RealmPath}': table [{r.Schema}].[{r.Table}] re-sent whole (CLEAR + INSERTs): {r.Reason} (watermark {r.Watermark?.ToString(CultureInfo.InvariantCulture) ?? "none"}, min valid version {r.MinValidVersion?.ToString(CultureInfo.InvariantCulture) ?? "none"})"));
            allWarnings.AddRange(result.Warnings);
        }

        return new PassResult(transactions, (int)Math.Min(instructions, int.MaxValue), allWarnings, []) { Paths = paths };
    }

    /// <summary>One attempt for one path: the deployment in force is read again, as a retry may follow the applier's schema change.</summary>
    private async Task<PollResult?> PollAsync(MappedRealm realm, int timeoutFactor, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        DeploymentInForce? inForce;
        await using (var read = (Microsoft.Data.SqlClient.SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken))
        {
            inForce = await CatalogStore.LoadDeploymentInForceAsync(connection, read, realm.RealmId, cancellationToken);
            await read.CommitAsync(cancellationToken);
        }

        return inForce is null
            ? null
            : await poller.PollAsync(connection, realm.RealmId, inForce.Mapping, cancellationToken, PollTimeouts.Seconds(connection.CommandTimeout, timeoutFactor), realm.Partitioned);
    }
}
