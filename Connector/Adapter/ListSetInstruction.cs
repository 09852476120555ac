namespace Connector.Adapter;

/// <summary><c>LIST_SET</c>: replace the element at <see cref="ListIndex"/> with the object <see cref="ObjectIdentity"/>.</summary>
public sealed record ListSetInstruction(
    string ObjectType, RealmValue Identity, string Property, long ListIndex, RealmValue ObjectIdentity)
    : ListInstruction(ObjectType, Identity, Property);
