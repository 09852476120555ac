namespace Connector.Adapter;

/// <summary><c>DELETE</c>: delete an object (links to it become null, list entries of it disappear).</summary>
public sealed record DeleteInstruction(string ObjectType, RealmValue Identity) : ObjectInstruction(ObjectType, Identity);
