namespace Connector.Adapter;

/// <summary><c>INSERT</c>: a new object with its initial values (<c>values: null</c> is read as empty).</summary>
public sealed record InsertInstruction(string ObjectType, RealmValue Identity, PropertyValues Values)
    : ObjectInstruction(ObjectType, Identity);
