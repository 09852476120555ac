namespace Connector.Adapter;

public sealed record FloatValue(float Value) : RealmValue;
