namespace Connector.Adapter;

/// <summary><c>SET</c>: set some properties of an existing object.</summary>
public sealed record SetInstruction(string ObjectType, RealmValue Identity, PropertyValues Values)
    : ObjectInstruction(ObjectType, Identity);
