using System.Collections.Immutable;
using Connector.Adapter;
using Connector.Catalog;
using Connector.SchemaGeneration;

namespace Connector.ChangeTracking;

/// <summary>
/// What registering the SQL-first tables records (<see cref="SqlFirstTables"/>): the mapping in force afterwards,
/// the catalog rows it adds, the ADD_TYPEs that announce the new classes to Realm, and every table refused or
/// already mapped, with the columns left out. Nothing to record when <see cref="AddTypes"/> is empty.
/// </summary>
public sealed record SqlFirstPlan(
    SchemaMapping Mapping,
    ImmutableArray<CatalogRow> Rows,
    ImmutableArray<AddTypeInstruction> AddTypes,
    ImmutableArray<SqlFirstRefusal> Refusals,
    ImmutableArray<string> AlreadyMapped,
    ImmutableArray<string> SkippedColumns)
{
    public bool HasChanges => !AddTypes.IsEmpty;
}
