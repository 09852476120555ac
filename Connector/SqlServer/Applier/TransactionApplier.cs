using System.Collections.Immutable;
using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using Connector.Adapter;
using Connector.Applier;
using Connector.Catalog;
using Connector.Partitioning;
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
/// <remarks>
/// A Realm of a partitioned mapping (<see cref="MappedRealm.PartitionOf"/>): a new path registers in the transaction that
/// applies its first inbound transaction (<see cref="ApplyOutcome.Registered"/>); the session names the Realm
/// (<see cref="PartitionSession"/>) before any call, and the calls are the procedures over the per-Realm views
/// (<see cref="SchemaMapping.ForRealm"/>); the mapping, its deployments and watermarks are the partitioned mapping's row.
/// </remarks>
public sealed class TransactionApplier(SqlConnectionFactory connections, ApplierOptions options) : IInboundStore
{
    private const string XactAbortOn = "SET XACT_ABORT ON;";

    // The mapping as one Realm of a partitioned mapping sees it, one instance per deployment in force (CatalogStore keeps
    // one SchemaMapping per deployment id): every Realm plans against it, so the planner's per-mapping lookups are built once.
    private static readonly ConditionalWeakTable<SchemaMapping, SchemaMapping> Scoped = new();

    public async Task<ApplyOutcome> ApplyAsync(MappedRealm realm, AdapterTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(transaction);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var sqlTransaction = await BeginAsync(connection, cancellationToken);
        MappedRealm? registered = null;
        if (!realm.Registered)
        {
            // Registered in this transaction, unless another node did it first (then its row; the cursor says what it applied).
            registered = realm = await CatalogStore.FindRealmAsync(connection, sqlTransaction, realm.RealmPath, cancellationToken)
                ?? await CatalogStore.RegisterPartitionAsync(connection, sqlTransaction, realm, cancellationToken);
        }

        var owner = realm.PartitionOf ?? realm.RealmId;
        var inForce = await CatalogStore.LoadDeploymentInForceAsync(connection, sqlTransaction, owner, cancellationToken)
            ?? throw new ConnectorException(
                $"Realm path '{realm.RealmPath}' has no schema deployment in realmsync.SchemaDeployment; deploy its schema with bootstrap first.");
        var mapping = inForce.Mapping;
        if (realm.PartitionOf is not null)
        {
            await SetSessionRealmAsync(connection, sqlTransaction, realm.RealmId, cancellationToken);
        }

        var plan = TransactionPlanner.Plan(transaction, mapping.Partitioned ? Scoped.GetValue(mapping, m => m.ForRealm(m.RealmPath)) : mapping);
        if (mapping.Partitioned)
        {
            // Realms of one mapping apply side by side; a growth of their shared tables waits for them, and they for it.
            await CatalogStore.LockPartitionedSchemaAsync(connection, sqlTransaction, realm.RealmPath, owner, inForce.DeploymentId, plan.SchemaChanged, cancellationToken);
        }

        if (plan.SchemaChanged)
        {
            // Planned on the per-Realm views, the grown mapping names them: DacFx and the catalog need the tables.
            var next = mapping.Partitioned ? plan.Mapping.AsPartitionOf(mapping) : plan.Mapping;
            var reason = InboundRecords.Reason(transaction.Version) + (mapping.Partitioned ? $" of Realm path '{realm.RealmPath}'" : "");
            if (options.ApplyMode == SchemaApplyMode.Script)
            {
                return ScriptNeeded(realm, mapping, next, inForce.Dacpac, reason);
            }

            var deployment = SchemaDeployPlanner.Plan(inForce.Dacpac, next, reason);
            await DeploySchemaAsync(connection, sqlTransaction, owner, mapping, deployment, connections.SchemaCommandTimeoutSeconds, cancellationToken);
        }

        // A Realm of a partitioned mapping judges SQL's changes to its rows against the mapping's watermarks: its poll
        // pass sends every Realm's changes up to them.
        var watermarks = new WatermarkCache(connection, sqlTransaction, owner, plan.Mapping.Scoped);
        var resolution = await ConflictDetector.ResolveAsync(connection, sqlTransaction, realm.RealmId, transaction, plan, options.ConflictPolicy, watermarks, cancellationToken);
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
            return new ApplyOutcome(ApplyStatus.AlreadyApplied) { Registered = registered };
        }

        await sqlTransaction.CommitAsync(cancellationToken);
        return new ApplyOutcome(ApplyStatus.Applied, resolution.Conflicts.Length) { Refused = plan.Refused, Registered = registered };
    }

    /// <summary>
    /// <c>Schema.ApplyMode: script</c>: the growth for a DBA to run. For a Realm path of a partitioned mapping the script
    /// records it under the mapping's row (<see cref="ApplyOutcome.SchemaOwner"/>), which owns the schema all its Realms share.
    /// </summary>
    private static ApplyOutcome ScriptNeeded(MappedRealm realm, SchemaMapping mapping, SchemaMapping next, byte[] dacpac, string reason) =>
        new(ApplyStatus.SchemaScriptNeeded, 0, SchemaDeployPlanner.Plan(dacpac, next, reason), mapping) { SchemaOwner = mapping.Partitioned ? realm.PartitionOf : null };

    /// <summary>Names the Realm the per-Realm views show and the partition column's default takes, for this transaction's statements.</summary>
    private static async Task SetSessionRealmAsync(SqlConnection connection, SqlTransaction transaction, int realmId, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(PartitionSession.SetStatement, connection, transaction);
        command.Parameters.Add(new SqlParameter("@realmId", SqlDbType.Int) { Value = realmId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Registers a new path of a partitioned mapping in a transaction of its own, for a dead letter to name it (an
    /// applied transaction registers its path itself); the row another node registered first when there is one.
    /// </summary>
    public async Task<MappedRealm> RegisterAsync(MappedRealm realm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(realm);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var sqlTransaction = await BeginAsync(connection, cancellationToken);
        var registered = await CatalogStore.FindRealmAsync(connection, sqlTransaction, realm.RealmPath, cancellationToken)
            ?? await CatalogStore.RegisterPartitionAsync(connection, sqlTransaction, realm, cancellationToken);
        await sqlTransaction.CommitAsync(cancellationToken);
        return registered;
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

    /// <summary>
    /// The Realm path's catalog row and cursor (0 when it has no cursor row yet); a path the catalog does not hold but
    /// a partitioned mapping's pattern matches comes back unregistered (RealmId 0, cursor 0) and registers with its first
    /// transaction. A path two patterns match is refused (<see cref="PartitionedPaths.Match"/>); null: no pattern matches.
    /// </summary>
    public async Task<(MappedRealm? Realm, long Cursor)> FindAsync(string realmPath, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var sqlTransaction = await BeginAsync(connection, cancellationToken);
        var realm = await CatalogStore.FindRealmAsync(connection, sqlTransaction, realmPath, cancellationToken);
        var cursor = realm is null ? null : await CatalogStore.ReadCursorAsync(connection, sqlTransaction, realm.RealmId, cancellationToken);
        realm ??= PartitionedPaths.Match(await CatalogStore.ListPartitionedAsync(connection, sqlTransaction, cancellationToken), realmPath);
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
