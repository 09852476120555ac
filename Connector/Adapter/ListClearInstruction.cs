namespace Connector.Adapter;

/// <summary><c>LIST_CLEAR</c>: empty the list (the target objects stay).</summary>
public sealed record ListClearInstruction(string ObjectType, RealmValue Identity, string Property)
    : ListInstruction(ObjectType, Identity, Property);
