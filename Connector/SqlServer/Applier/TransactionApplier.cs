using System.Collections.Immutable;
using System.Data;
using System.Globalization;
using Connector.Adapter;
using Connector.Applier;
using Connector.Catalog;
using Connector.SchemaGeneration;
using Connector.SqlServer.Catalog;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.Applier;

/// <summary>
/// Applies one inbound transaction all-or-nothing in ONE SQL transaction (read committed, XACT_ABORT on): plan,
/// schema deployment when it grows the schema, catalog rows, conflict resolution, the procedure calls, the
/// cursor, commit. Any failure rolls everything back (disposing the transaction does it).
/// </summary>
public sealed class TransactionApplier(SqlConnectionFactory connections, ApplierOptions options) : IInboundStore
{
    private const string XactAbortOn = "SET XACT_ABORT ON;";

    public async Task<ApplyOutcome> ApplyAsync(MappedRealm realm, AdapterTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(transaction);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var sqlTransaction = await BeginAsync(connection, cancellationToken);
        var inForce = await CatalogStore.LoadDeploymentInForceAsync(connection, sqlTransaction, realm.RealmId, cancellationToken)
            ?? throw new ConnectorException(
                $"Realm path '{realm.RealmPath}' has no schema deployment in realmsync.SchemaDeployment; deploy its schema with bootstrap first.");
        var plan = TransactionPlanner.Plan(transaction, inForce.Mapping);
        if (plan.SchemaChanged)
        {
            var deployment = SchemaDeployPlanner.Plan(inForce.Dacpac, plan.Mapping, InboundRecords.Reason(transaction.Version));
            if (options.ApplyMode == SchemaApplyMode.Script)
            {
                return new ApplyOutcome(ApplyStatus.SchemaScriptNeeded, 0, deployment, inForce.Mapping);
            }

            await DeploySchemaAsync(connection, sqlTransaction, realm.RealmId, inForce.Mapping, deployment, connections.SchemaCommandTimeoutSeconds, cancellationToken);
        }

        var watermarks = new WatermarkCache(connection, sqlTransaction, realm.RealmId);
        var resolution = await ConflictDetector.ResolveAsync(
            connection, sqlTransaction, realm.RealmId, transaction, plan, options.ConflictPolicy, watermarks, cancellationToken);
        await PlanExecutor.ExecuteAsync(connection, sqlTransaction, resolution.Plan, resolution.ToleratedMissing, watermarks, cancellationToken);
        foreach (var conflict in resolution.Conflicts)
        {
            await CatalogStore.InsertConflictAsync(connection, sqlTransaction, conflict, cancellationToken);
        }

        // Objects with a null primary key were left out of the plan: recorded beside the rest, which is applied.
        foreach (var deadLetter in InboundRecords.RefusalRecords(realm.RealmId, transaction, plan.Refused))
        {
            await CatalogStore.InsertDeadLetterAsync(connection, sqlTransaction, deadLetter, cancellationToken, refusal: true);
        }

        if (!await CatalogStore.AdvanceCursorAsync(connection, sqlTransaction, realm.RealmId, transaction.Version, cancellationToken))
        {
            await sqlTransaction.RollbackAsync(cancellationToken);
            return new ApplyOutcome(ApplyStatus.AlreadyApplied);
        }

        await sqlTransaction.CommitAsync(cancellationToken);
        return new ApplyOutcome(ApplyStatus.Applied, resolution.Conflicts.Length) { Refused = plan.Refused };
    }

    /// <summary>
    /// Records a bad transaction in realmsync.DeadLetter in a transaction of its own (the one that failed was
    /// rolled back) and, when <paramref name="advanceCursor"/>, moves the cursor past it in the same transaction.
    /// </summary>
    public async Task DeadLetterAsync(DeadLetterRecord deadLetter, bool advanceCursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var sqlTransaction = await BeginAsync(connection, cancellationToken);
        await CatalogStore.InsertDeadLetterAsync(connection, sqlTransaction, deadLetter, cancellationToken);
        if (advanceCursor)
        {
            await CatalogStore.AdvanceCursorAsync(connection, sqlTransaction, deadLetter.RealmId, deadLetter.Version, cancellationToken);
        }

        await sqlTransaction.CommitAsync(cancellationToken);
    }

    /// <summary>The Realm path's catalog row and cursor (0 when it has no cursor row yet).</summary>
    public async Task<(MappedRealm? Realm, long Cursor)> FindAsync(string realmPath, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var sqlTransaction = await BeginAsync(connection, cancellationToken);
        var realm = await CatalogStore.FindRealmAsync(connection, sqlTransaction, realmPath, cancellationToken);
        var cursor = realm is null ? null : await CatalogStore.ReadCursorAsync(connection, sqlTransaction, realm.RealmId, cancellationToken);
        await sqlTransaction.CommitAsync(cancellationToken);
        return (realm, cursor ?? 0);
    }

    private static async Task<SqlTransaction> BeginAsync(SqlConnection connection, CancellationToken cancellationToken)
    {
        // XACT_ABORT first: any error, a client timeout included, then rolls the whole transaction back server-side.
        await using (var command = new SqlCommand(XactAbortOn, connection))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
    }

    private static async Task DeploySchemaAsync(
        SqlConnection connection, SqlTransaction transaction, int realmId, SchemaMapping previous, SchemaDeployment deployment, int timeoutSeconds,
        CancellationToken cancellationToken)
    {
        foreach (var batch in deployment.Batches)
        {
            // Schema batches may build indexes or rebuild tables: SqlServer.SchemaCommandTimeout, not the ordinary one.
            await using var command = new SqlCommand(batch, connection, transaction) { CommandTimeout = timeoutSeconds };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await CatalogStore.InsertRowsAsync(connection, transaction, realmId, CatalogRows.Growth(previous, deployment.Mapping), cancellationToken);
        await CatalogStore.InsertInitialWatermarksAsync(
            connection, transaction, realmId, deployment.Mapping.SqlSchema, CatalogRows.NewTables(previous, deployment.Mapping), cancellationToken);
        await CatalogStore.RecordDeploymentAsync(connection, transaction, realmId, deployment, string.Join("\nGO\n", deployment.Batches), cancellationToken);
    }
}
