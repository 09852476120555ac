namespace Connector.Adapter;

/// <summary>An exact 64-bit integer: never routed through <see cref="double"/>.</summary>
public sealed record IntValue(long Value) : RealmValue;
