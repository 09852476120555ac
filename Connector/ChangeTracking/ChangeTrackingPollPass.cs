using System.Data;
using Connector.Catalog;
using Connector.Scheduling;
using Connector.Sql;

namespace Connector.ChangeTracking;

/// <summary>
/// The poll job's pass: for every served Realm path, one snapshot read of Change Tracking into the outbox
/// (ChangeTrackingPoller). A table re-sent whole because it fell behind the retention is a warning.
/// </summary>
public sealed class ChangeTrackingPollPass(ServedRealms served, SqlConnectionFactory connections, ChangeTrackingPoller poller) : IPollPass
{
    public async ValueTask<PassResult> RunAsync(CancellationToken cancellationToken)
    {
        var (realms, warnings) = await served.ListAsync(cancellationToken);
        var allWarnings = warnings.ToList();
        var transactions = 0;
        long instructions = 0;
        foreach (var realm in realms)
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            DeploymentInForce? inForce;
            await using (var read = (Microsoft.Data.SqlClient.SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken))
            {
                inForce = await CatalogStore.LoadDeploymentInForceAsync(connection, read, realm.RealmId, cancellationToken);
                await read.CommitAsync(cancellationToken);
            }

            if (inForce is null)
            {
                allWarnings.Add($"Realm path '{realm.RealmPath}' has no schema deployment in realmsync.SchemaDeployment; nothing to poll");
                continue;
            }

            var result = await poller.PollAsync(connection, realm.RealmId, inForce.Mapping, cancellationToken);
            transactions += result.Transactions;
            instructions += result.Instructions;
            allWarnings.AddRange(result.Reloads.Select(r =>
                $"Realm path '{realm.RealmPath}': table [{r.Schema}].[{r.Table}] re-sent whole (CLEAR + INSERTs): {r.Reason} (watermark {r.Watermark?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, min valid version {r.MinValidVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})"));
        }

        return new PassResult(transactions, (int)Math.Min(instructions, int.MaxValue), allWarnings, []);
    }
}
