using System.Data;
using Connector.Adapter;
using Connector.Applier;
using Connector.Catalog;
using Connector.SchemaGeneration;
using Npgsql;
using NpgsqlTypes;

namespace Connector.Postgres;

/// <summary>
/// Applies one inbound transaction on PostgreSQL all-or-nothing in ONE database transaction: the cursor row locked
/// first (a second node waits, then skips what the first applied), the plan, schema growth (ADD_TYPE/ADD_PROPERTIES as
/// DDL, which PostgreSQL runs inside transactions), the calls, the left-out objects' dead letters, the cursor, commit.
/// Any failure rolls everything back. Conflicts need change capture on PostgreSQL (issue 11): until then Realm wins.
/// </summary>
public sealed class PgTransactionApplier(PgConnectionFactory connections) : IInboundStore
{
    // The mapping in force per Realm, by deployment id: parsed once, and one instance so that the planner's per-mapping
    // lookups (MappingContext.For) are built once too. Another node's growth changes the id, which reloads it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (int DeploymentId, SchemaGeneration.SchemaMapping Mapping)> _mappings = new();

    /// <summary>The steps a crash test stops at: before the cursor moves, before commit, after commit.</summary>
    public enum ApplyStep
    {
        BeforeCursor,
        BeforeCommit,
        AfterCommit,
    }

    /// <summary>A test's hook, called at each <see cref="ApplyStep"/>; throwing there is a crash at that point.</summary>
    public Func<ApplyStep, AdapterTransaction, Task>? Checkpoint { get; init; }

    /// <summary>
    /// Whether the applier marks its transactions as the connector's (so that capture skips them): always, except when
    /// a test stands in for an application writing the generated tables with the applier's SQL.
    /// </summary>
    public bool MarksOwnWrites { get; init; } = true;

    /// <summary>
    /// The capture pass run before each Realm transaction of a captured path, to find the conflicts (<see cref="PgConflictProbe"/>);
    /// null: no conflict detection (the one committed last wins).
    /// </summary>
    public PgCapturePass? Capture { get; init; }

    /// <summary><c>Sync.ConflictPolicy</c>.</summary>
    public ConflictPolicy Policy { get; init; } = ConflictPolicy.SqlWins;

    public async Task<(MappedRealm? Realm, long Cursor)> FindAsync(string realmPath, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var realm = await PgCatalogStore.FindRealmAsync(connection, realmPath, cancellationToken);
        var cursor = realm is null ? null : await PgCatalogStore.ReadCursorAsync(connection, realm.RealmId, cancellationToken);
        return (realm, cursor ?? 0);
    }

    public async Task<ApplyOutcome> ApplyAsync(MappedRealm realm, AdapterTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(transaction);
        await using var connection = await connections.OpenAsync(cancellationToken);
        if (Capture is null)
        {
            return await ApplyAsync(connection, realm, transaction, cancellationToken);
        }

        // With conflict detection, the path's captures wait for this transaction (and it for them) from before its
        // snapshot: the probe's capture is then exactly what SQL changed that no pass has sent.
        await PgCapturePass.LockAsync(connection, "pg_advisory_lock", realm.RealmId, cancellationToken);
        try
        {
            return await ApplyAsync(connection, realm, transaction, cancellationToken);
        }
        finally
        {
            await PgCapturePass.LockAsync(connection, "pg_advisory_unlock", realm.RealmId, CancellationToken.None);
        }
    }

    private async Task<ApplyOutcome> ApplyAsync(NpgsqlConnection connection, MappedRealm realm, AdapterTransaction transaction, CancellationToken cancellationToken)
    {
        // REPEATABLE READ with conflict detection: the probe reads the tables in the transaction's snapshot.
        await using var sqlTransaction = await connection.BeginTransactionAsync(Capture is null ? IsolationLevel.ReadCommitted : IsolationLevel.RepeatableRead, cancellationToken);
        var (cursor, deploymentId, captured) = await PgCatalogStore.LockCursorAndDeploymentAsync(connection, realm.RealmId, cancellationToken, MarksOwnWrites)
            ?? throw new ConnectorException(
                $"Realm path '{realm.RealmPath}' has no cursor or no schema deployment in the catalog (realmsync.\"InboundCursor\", \"SchemaDeployment\"); deploy its schema with bootstrap first.");
        if (transaction.Version <= cursor)
        {
            return new ApplyOutcome(ApplyStatus.AlreadyApplied);
        }

        if (!_mappings.TryGetValue(realm.RealmId, out var cached) || cached.DeploymentId != deploymentId)
        {
            var loaded = await PgCatalogStore.LoadMappingAsync(connection, realm.RealmId, cancellationToken)
                ?? throw new ConnectorException($"Realm path '{realm.RealmPath}' has no schema deployment in realmsync.\"SchemaDeployment\".");
            _mappings[realm.RealmId] = cached = (deploymentId, loaded);
        }

        var mapping = cached.Mapping;
        var (resolution, confirm) = await ResolveAsync(connection, realm, transaction, mapping, TransactionPlanner.Plan(transaction, mapping), captured, cancellationToken);
        var plan = resolution.Plan;
        if (plan.SchemaChanged)
        {
            var growth = PgTableWriter.Growth(mapping, plan.Mapping);
            await using (var batch = new NpgsqlBatch(connection))
            {
                // ALTER TABLE holds ACCESS EXCLUSIVE until commit: wait at most 5 s behind a long reader (then retry) rather
                // than block every new reader of the table behind this one for the whole command timeout.
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL lock_timeout = '5s';"));
                foreach (var statement in growth)
                {
                    batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
                }

                var added = CatalogRows.NewTables(mapping, plan.Mapping).Select(t => plan.Mapping.Tables.First(d => d.Name == t)).ToList();
                if (captured && added.Count > 0)
                {
                    // Change capture keeps seeing every generated table: the new ones join the path's publication in the same transaction.
                    batch.BatchCommands.Add(new NpgsqlBatchCommand(
                        $"ALTER PUBLICATION {PgIdentifier.Quote(PgCapture.Name(realm.RealmId))} ADD TABLE {string.Join(", ", added.Select(PgTableWriter.Q))};"));
                }

                await batch.ExecuteNonQueryAsync(cancellationToken);
            }

            await PgCatalogStore.RecordGrowthAsync(
                connection, realm.RealmId, mapping, plan.Mapping, InboundRecords.Reason(transaction.Version), string.Join("\n\n", growth), cancellationToken);
        }

        await PgPlanExecutor.ExecuteAsync(connection, plan, resolution.ToleratedMissing, cancellationToken);
        foreach (var conflict in resolution.Conflicts)
        {
            await PgCatalogStore.InsertConflictAsync(connection, conflict, cancellationToken);
        }

        foreach (var deadLetter in InboundRecords.RefusalRecords(realm.RealmId, transaction, plan.Refused))
        {
            await PgCatalogStore.InsertDeadLetterAsync(connection, deadLetter, cancellationToken);
        }

        await CheckpointAsync(ApplyStep.BeforeCursor, transaction);
        await PgCatalogStore.AdvanceCursorAsync(connection, realm.RealmId, transaction.Version, cancellationToken);
        await CheckpointAsync(ApplyStep.BeforeCommit, transaction);
        await sqlTransaction.CommitAsync(cancellationToken);
        await CheckpointAsync(ApplyStep.AfterCommit, transaction);
        if (confirm is { } lsn)
        {
            await new PgChangeReader(Capture!.ConnectionString).ConfirmAsync(realm.RealmId, lsn, cancellationToken);
        }

        return new ApplyOutcome(ApplyStatus.Applied) { Refused = plan.Refused, Conflicts = resolution.Conflicts.Length };
    }

    /// <summary>
    /// With <see cref="Capture"/> and a captured path: the probe's capture first, in this transaction (<see
    /// cref="PgCapturePass.ProbeAsync"/>), which queues for Realm the SQL changes not yet sent and says which of them
    /// this transaction touches; the policy decides (<see cref="ConflictResolver"/>). Returns the position to confirm
    /// after the commit. If the transaction fails, the probe's outbox rows go with it and its retry sees the same.
    /// </summary>
    private async Task<(ConflictResolution Resolution, NpgsqlLogSequenceNumber? Confirm)> ResolveAsync(
        NpgsqlConnection connection, MappedRealm realm, AdapterTransaction transaction, SchemaMapping mapping, TransactionPlan plan, bool captured,
        CancellationToken cancellationToken)
    {
        if (Capture is null || !captured || plan.Calls.Length == 0)
        {
            return (ConflictResolution.None(plan), null);
        }

        var probe = PgConflictProbe.For(plan, Policy);
        if (probe.Keys.Count == 0)
        {
            return (ConflictResolution.None(plan), null);
        }

        var confirm = await Capture.ProbeAsync(connection, realm.RealmId, mapping, probe, cancellationToken);
        return (probe.Found == 0 ? ConflictResolution.None(plan) : ConflictResolver.Resolve(plan, transaction, realm.RealmId, probe.ChangesByCall(mapping), Policy), confirm);
    }

    public async Task DeadLetterAsync(DeadLetterRecord deadLetter, bool advanceCursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var sqlTransaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await PgCatalogStore.InsertDeadLetterAsync(connection, deadLetter, cancellationToken);
        if (advanceCursor)
        {
            await PgCatalogStore.AdvanceCursorAsync(connection, deadLetter.RealmId, deadLetter.Version, cancellationToken);
        }

        await sqlTransaction.CommitAsync(cancellationToken);
    }

    private Task CheckpointAsync(ApplyStep step, AdapterTransaction transaction) => Checkpoint?.Invoke(step, transaction) ?? Task.CompletedTask;
}
