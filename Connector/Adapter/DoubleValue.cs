namespace Connector.Adapter;

public sealed record DoubleValue(double Value) : RealmValue;
