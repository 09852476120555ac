using System.Collections.Immutable;
using Connector.RealmSchema;

namespace Connector.Adapter;

/// <summary><c>ADD_TYPE</c>: a new class; <see cref="PrimaryKey"/> is null when it has none.</summary>
public sealed record AddTypeInstruction(string ObjectType, ImmutableArray<RealmProperty> Properties, string? PrimaryKey = null)
    : SchemaInstruction(ObjectType, Properties);
