using Connector.SchemaGeneration;
using Connector.Sql;

namespace Connector.Applier;

/// <summary>Where a property's value goes: table column <see cref="Column"/> (0 = the key, -1 = none) of type <see cref="Type"/>.</summary>
public sealed record PropertySlot(PropertyMapping Mapping, int Column, SqlColumnType? Type);
