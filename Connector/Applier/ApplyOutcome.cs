using System.Collections.Immutable;
using Connector.SchemaGeneration;
using Connector.SqlServer.Applier;

namespace Connector.Applier;

/// <summary>
/// The result of <see cref="TransactionApplier.ApplyAsync"/>: its status, the conflicts recorded, and for
/// <see cref="ApplyStatus.SchemaScriptNeeded"/> the deployment a DBA must run with the mapping it grows from, and the
/// objects with a null primary key left out of an applied transaction (recorded in realmsync.DeadLetter).
/// </summary>
public sealed record ApplyOutcome(ApplyStatus Status, int Conflicts = 0, SchemaDeployment? PendingSchema = null, SchemaMapping? PreviousMapping = null)
{
    public ImmutableArray<RefusedObject> Refused { get; init; } = [];

    /// <summary>The Realm path's catalog row when this transaction registered it (a new path of a partitioned mapping); null otherwise.</summary>
    public Catalog.MappedRealm? Registered { get; init; }

    /// <summary>
    /// For <see cref="ApplyStatus.SchemaScriptNeeded"/> of a Realm path of a partitioned mapping: the mapping's row, which
    /// owns the shared schema, so the script records the growth under it; null: under the Realm path's own row.
    /// </summary>
    public int? SchemaOwner { get; init; }
}
