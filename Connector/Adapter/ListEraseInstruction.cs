namespace Connector.Adapter;

/// <summary><c>LIST_ERASE</c>: remove the element at <see cref="ListIndex"/> (the target object stays).</summary>
public sealed record ListEraseInstruction(string ObjectType, RealmValue Identity, string Property, long ListIndex)
    : ListInstruction(ObjectType, Identity, Property);
