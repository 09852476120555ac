using System.Collections.Immutable;
using Connector.Adapter;
using Connector.SchemaGeneration;

namespace Connector.ChangeTracking;

/// <summary>
/// The outcome of mapping one existing table: the class mapping, its table and the ADD_TYPE that announces it, or
/// the reason the table was refused (<see cref="Refusal"/>). <see cref="Skipped"/> names columns left out, with why.
/// </summary>
public sealed record SqlFirstResult(
    ClassMapping? Mapping,
    SqlTableDefinition? Table,
    AddTypeInstruction? AddType,
    string? Refusal,
    ImmutableArray<string> Skipped)
{
    public bool Mapped => Refusal is null;
}
