namespace Connector.Adapter;

public sealed record UuidValue(Guid Value) : RealmValue;
