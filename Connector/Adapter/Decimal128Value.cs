namespace Connector.Adapter;

/// <summary>A Decimal128 as its exact decimal string (it may not fit a .NET <see cref="decimal"/>).</summary>
public sealed record Decimal128Value(string Text) : RealmValue;
