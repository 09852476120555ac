using System.Collections.Immutable;
using Connector.SchemaGeneration;

namespace Connector.Applier;

/// <summary>
/// What applying one transaction means: the mapping after its schema instructions (<see cref="SchemaChanged"/>
/// says whether the database schema must be deployed first) and the procedure calls of its data instructions,
/// in order. <see cref="Refused"/> lists the objects with a null primary key left out of it (with the instructions
/// naming them), which the applier records in realmsync.DeadLetter beside the applied rest.
/// </summary>
public sealed record TransactionPlan(string RealmPath, long Version, SchemaMapping Mapping, bool SchemaChanged, ImmutableArray<PlannedCall> Calls)
{
    public ImmutableArray<RefusedObject> Refused { get; init; } = [];
}
