using System.Collections.Immutable;
using Connector.RealmSchema;

namespace Connector.Adapter;

/// <summary><c>ADD_PROPERTIES</c>: new properties on an existing class.</summary>
public sealed record AddPropertiesInstruction(string ObjectType, ImmutableArray<RealmProperty> Properties)
    : SchemaInstruction(ObjectType, Properties);
