namespace Connector.Adapter;

public sealed record BoolValue(bool Value) : RealmValue;
