namespace Connector.Adapter;

public sealed record StringValue(string Value) : RealmValue;
