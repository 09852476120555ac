namespace Connector.Adapter;

/// <summary>A 12-byte ObjectId as 24 lower-case hex digits.</summary>
public sealed record ObjectIdValue(string Hex) : RealmValue;
