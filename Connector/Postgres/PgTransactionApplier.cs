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
/// Any failure rolls everything back. Conflicts are found by a capture of the path run first in the same transaction
/// (<see cref="Capture"/>); a partitioned mapping's Realms run it only for a transaction that failed on a missing object.
/// </summary>
public sealed class PgTransactionApplier(PgConnectionFactory connections) : IInboundStore
{
    // The mapping in force per Realm, by deployment id: parsed once, and one instance so that the planner's per-mapping
    // lookups (MappingContext.For) are built once too. Another node's growth changes the id, which reloads it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (int DeploymentId, SchemaMapping Mapping, SchemaMapping Scoped)> _mappings = new();

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
    /// for a partitioned mapping's Realm, only before the second attempt of a transaction whose SET or LIST_* met a
    /// missing object (SQL may have deleted it). Null: no conflict detection (the one committed last wins).
    /// </summary>
    public PgCapturePass? Capture { get; init; }

    /// <summary><c>Sync.ConflictPolicy</c>.</summary>
    public ConflictPolicy Policy { get; init; } = ConflictPolicy.SqlWins;

    /// <summary>
    /// The path's catalog row and cursor; a path the catalog does not hold but a partitioned mapping's pattern matches
    /// comes back unregistered (RealmId 0, cursor 0), and registers with its first transaction. A path two patterns match
    /// is refused: which tables it belongs in would be a guess.
    /// </summary>
    public async Task<(MappedRealm? Realm, long Cursor)> FindAsync(string realmPath, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var realm = await PgCatalogStore.FindRealmAsync(connection, realmPath, cancellationToken);
        if (realm is null)
        {
            return (Partitioning.PartitionedPaths.Match(await PgCatalogStore.ListPartitionedAsync(connection, cancellationToken), realmPath), 0);
        }

        var cursor = await PgCatalogStore.ReadCursorAsync(connection, realm.RealmId, cancellationToken);
        return (realm, cursor ?? 0);
    }

    public async Task<ApplyOutcome> ApplyAsync(MappedRealm realm, AdapterTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(transaction);
        await using var connection = await connections.OpenAsync(cancellationToken);
        if (Capture is null)
        {
            return await ApplyAsync(connection, realm, transaction, false, false, cancellationToken);
        }

        if (realm.PartitionOf is { } mappingId)
        {
            // A partitioned mapping's Realms apply without a probe: a capture of the whole mapping under its one lock for
            // every Realm transaction would serialize thousands of paths. Only a transaction that fails the way an SQL
            // delete Realm had not received makes it fail is applied again, once, with the probe of the mapping under its
            // lock and a look at the deletes already captured for this Realm (PgSentDeletes).
            try
            {
                return await ApplyAsync(connection, realm, transaction, false, false, cancellationToken);
            }
            catch (AdapterFormatException e) when (PgPlanExecutor.MissingTarget(e))
            {
                return await LockedAsync(connection, mappingId, () => ApplyAsync(connection, realm, transaction, true, true, cancellationToken), cancellationToken);
            }
        }

        // With conflict detection, the path's captures wait for this transaction (and it for them) from before its
        // snapshot: the probe's capture is then exactly what SQL changed that no pass has sent. A transaction that still
        // fails on a missing object is applied again, once, also looking at the deletes a pass already captured.
        return await LockedAsync(connection, realm.RealmId, async () =>
        {
            try
            {
                return await ApplyAsync(connection, realm, transaction, true, false, cancellationToken);
            }
            catch (AdapterFormatException e) when (PgPlanExecutor.MissingTarget(e))
            {
                return await ApplyAsync(connection, realm, transaction, true, true, cancellationToken);
            }
        }, cancellationToken);
    }

    /// <summary>Runs <paramref name="apply"/> under the capture lock of <paramref name="captureId"/> (the path, or the partitioned mapping).</summary>
    private static async Task<ApplyOutcome> LockedAsync(NpgsqlConnection connection, int captureId, Func<Task<ApplyOutcome>> apply, CancellationToken cancellationToken)
    {
        await PgCapturePass.LockAsync(connection, "pg_advisory_lock", captureId, cancellationToken);
        try
        {
            return await apply();
        }
        finally
        {
            await PgCapturePass.LockAsync(connection, "pg_advisory_unlock", captureId, CancellationToken.None);
        }
    }

    /// <param name="probe">Whether the transaction runs the conflict probe (its caller holds the capture lock).</param>
    /// <param name="sentDeletes">With the probe, whether objects it misses are looked up among the deletes already captured (<see cref="PgSentDeletes"/>).</param>
    private async Task<ApplyOutcome> ApplyAsync(
        NpgsqlConnection connection, MappedRealm realm, AdapterTransaction transaction, bool probe, bool sentDeletes, CancellationToken cancellationToken)
    {
        // REPEATABLE READ with conflict detection: the probe reads the tables in the transaction's snapshot.
        await using var sqlTransaction = await connection.BeginTransactionAsync(probe ? IsolationLevel.RepeatableRead : IsolationLevel.ReadCommitted, cancellationToken);
        MappedRealm? registered = null;
        if (!realm.Registered)
        {
            // Registered in this transaction, unless another node did it first (then its row, and the cursor says what it applied).
            registered = realm = await PgCatalogStore.FindOrRegisterAsync(connection, realm, cancellationToken);
        }

        // A partitioned mapping's Realm: its mapping, deployments and capture are the partitioned mapping's (PartitionOf).
        var owner = realm.PartitionOf ?? realm.RealmId;
        var (cursor, deploymentId, captured) = await PgCatalogStore.LockCursorAndDeploymentAsync(connection, realm.RealmId, cancellationToken, MarksOwnWrites, owner)
            ?? throw new ConnectorException(
                $"Realm path '{realm.RealmPath}' has no cursor or no schema deployment in the catalog (realmsync.\"InboundCursor\", \"SchemaDeployment\"); deploy its schema with bootstrap first.");
        if (transaction.Version <= cursor)
        {
            return new ApplyOutcome(ApplyStatus.AlreadyApplied) { Registered = registered };
        }

        if (!_mappings.TryGetValue(owner, out var cached) || cached.DeploymentId != deploymentId)
        {
            var loaded = await PgCatalogStore.LoadMappingAsync(connection, owner, cancellationToken)
                ?? throw new ConnectorException($"Realm path '{realm.RealmPath}' has no schema deployment in realmsync.\"SchemaDeployment\".");
            // One instance per deployment, as one Realm sees it: the views of the scope schema (PgScopeViews), made to show
            // this transaction's Realm by the setting below. Every Realm of the mapping plans against the same instance.
            _mappings[owner] = cached = (deploymentId, loaded, loaded.ForRealm(loaded.RealmPath));
        }

        if (realm.PartitionOf is not null)
        {
            await PgScopeViews.SelectAsync(connection, realm.RealmId, cancellationToken);
        }

        var mapping = cached.Mapping;
        var (resolution, confirm) = await ResolveAsync(connection, realm, transaction, mapping, TransactionPlanner.Plan(transaction, cached.Scoped), probe && captured, sentDeletes, cancellationToken);
        var plan = resolution.Plan;
        if (plan.SchemaChanged && mapping.Partitioned)
        {
            await GrowOneAtATimeAsync(connection, realm, owner, deploymentId, cancellationToken);
        }

        if (plan.SchemaChanged)
        {
            // Planned on the per-Realm view of a partitioned mapping, the grown mapping names the views: DDL and the catalog need the tables.
            var next = mapping.Partitioned ? plan.Mapping.AsPartitionOf(mapping) : plan.Mapping;
            var growth = PgTableWriter.Growth(mapping, next);
            await using (var batch = new NpgsqlBatch(connection))
            {
                // ALTER TABLE holds ACCESS EXCLUSIVE until commit: wait at most 5 s behind a long reader (then retry) rather
                // than block every new reader of the table behind this one for the whole command timeout.
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL lock_timeout = '5s';"));
                foreach (var statement in growth)
                {
                    batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
                }

                var added = CatalogRows.NewTables(mapping, next).Select(t => next.Tables.First(d => d.Name == t)).ToList();
                if (captured && added.Count > 0)
                {
                    // Change capture keeps seeing every generated table: the new ones join the path's publication in the same transaction.
                    batch.BatchCommands.Add(new NpgsqlBatchCommand(
                        $"ALTER PUBLICATION {PgIdentifier.Quote(PgCapture.Name(owner))} ADD TABLE {string.Join(", ", added.Select(PgTableWriter.Q))};"));
                }

                await batch.ExecuteNonQueryAsync(cancellationToken);
            }

            await PgCatalogStore.RecordGrowthAsync(
                connection, owner, mapping, next, InboundRecords.Reason(transaction.Version) + (registered is null ? "" : $" of Realm path '{realm.RealmPath}'"),
                string.Join("\n\n", growth), cancellationToken);
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
            await new PgChangeReader(Capture!.ConnectionString).ConfirmAsync(owner, lsn, cancellationToken);
        }

        return new ApplyOutcome(ApplyStatus.Applied) { Refused = plan.Refused, Conflicts = resolution.Conflicts.Length, Registered = registered };
    }

    /// <summary>
    /// With <paramref name="probe"/> (<see cref="Capture"/> set, the path or mapping captured): the probe's capture first,
    /// in this transaction (<see cref="PgCapturePass.ProbeAsync"/>), which queues the SQL changes not yet sent (for a
    /// partitioned mapping, every Realm's, each to its own outbox) and says which of them this transaction touches;
    /// the policy decides (<see cref="ConflictResolver"/>). Returns the position to confirm after the commit. If the
    /// transaction fails, the probe's outbox rows go with it and its retry sees the same.
    /// </summary>
    private async Task<(ConflictResolution Resolution, NpgsqlLogSequenceNumber? Confirm)> ResolveAsync(
        NpgsqlConnection connection, MappedRealm realm, AdapterTransaction transaction, SchemaMapping mapping, TransactionPlan plan, bool probe, bool sentDeletes,
        CancellationToken cancellationToken)
    {
        if (!probe || plan.Calls.Length == 0)
        {
            return (ConflictResolution.None(plan), null);
        }

        var conflicts = PgConflictProbe.For(plan, Policy);
        if (conflicts.Keys.Count == 0)
        {
            return (ConflictResolution.None(plan), null);
        }

        var confirm = await Capture!.ProbeAsync(connection, realm.PartitionOf ?? realm.RealmId, mapping, conflicts, cancellationToken, realm.PartitionOf is null ? null : realm.RealmId);
        if (realm.PartitionOf is not null)
        {
            // The mapping's capture switched the views Realm by Realm: this transaction's Realm again.
            await PgScopeViews.SelectAsync(connection, realm.RealmId, cancellationToken);
        }

        if (sentDeletes)
        {
            await PgSentDeletes.MatchAsync(connection, mapping.ForRealm(mapping.RealmPath), plan, realm.RealmId, conflicts, cancellationToken);
        }

        return (conflicts.Found == 0 ? ConflictResolution.None(plan) : ConflictResolver.Resolve(plan, transaction, realm.RealmId, conflicts.ChangesByCall(mapping), Policy), confirm);
    }

    /// <summary>
    /// Two Realms of a partitioned mapping growing its shared tables at the same time would collide on the DDL: they take
    /// turns on the deployments' lock, and the second, finding a newer deployment than it planned on, is tried again
    /// (transient), then plans on the grown mapping.
    /// </summary>
    private static async Task GrowOneAtATimeAsync(NpgsqlConnection connection, MappedRealm realm, int owner, int plannedOn, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""SELECT pg_catalog.pg_advisory_xact_lock({PgDeployScript.DeployLock}), (SELECT max(d."DeploymentId") FROM realmsync."SchemaDeployment" AS d WHERE d."RealmId" = $1);""",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = owner });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.GetInt32(1) != plannedOn)
        {
            throw new PgCaptureRaceException($"Realm path '{realm.RealmPath}': another Realm of its partitioned mapping changed the schema at the same time; the transaction is tried again on the grown schema.");
        }
    }

    public async Task<MappedRealm> RegisterAsync(MappedRealm realm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(realm);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var sqlTransaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var registered = await PgCatalogStore.FindOrRegisterAsync(connection, realm, cancellationToken);
        await sqlTransaction.CommitAsync(cancellationToken);
        return registered;
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
