using System.Collections.Immutable;

namespace Connector.SqlServer.Schema;

/// <summary>
/// What the applier calls for one class table (all in schema <c>realmsync</c>): the row type of its
/// table-valued parameters and the procedures that write, delete and re-key objects. The row type holds the
/// key column, an ordinal (the instruction order inside a call) and, per inline column, the value and a
/// flag saying whether the instruction set it (<see cref="SetFlags"/>, same order as the table's columns
/// after the key). <see cref="Rekey"/> exists only for a class without primary key (CHANGE_IDENTITY and
/// SWAP_IDENTITY are legacy instructions for those).
/// </summary>
public sealed record ClassRoutines(
    string Table,
    string RowType,
    string OrdinalColumn,
    ImmutableArray<string> SetFlags,
    string Upsert,
    string Update,
    string Delete,
    string Clear,
    string? Rekey)
{
    public bool Equals(ClassRoutines? other) =>
        other is not null && Table == other.Table && RowType == other.RowType && OrdinalColumn == other.OrdinalColumn &&
        SetFlags.SequenceEqual(other.SetFlags) && Upsert == other.Upsert && Update == other.Update &&
        Delete == other.Delete && Clear == other.Clear && Rekey == other.Rekey;

    public override int GetHashCode() => HashCode.Combine(Table, RowType);
}
