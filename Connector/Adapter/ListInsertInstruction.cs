namespace Connector.Adapter;

/// <summary><c>LIST_INSERT</c>: insert <see cref="ObjectIdentity"/> at <see cref="ListIndex"/>; later elements move up.</summary>
public sealed record ListInsertInstruction(
    string ObjectType, RealmValue Identity, string Property, long ListIndex, RealmValue ObjectIdentity)
    : ListInstruction(ObjectType, Identity, Property);
