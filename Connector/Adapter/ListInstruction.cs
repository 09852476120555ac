namespace Connector.Adapter;

/// <summary>An instruction on the list of links <see cref="Property"/> of one object.</summary>
public abstract record ListInstruction(string ObjectType, RealmValue Identity, string Property)
    : ObjectInstruction(ObjectType, Identity);
