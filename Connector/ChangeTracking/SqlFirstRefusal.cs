namespace Connector.ChangeTracking;

/// <summary>A configured SQL-first table that was not mapped, and why (the reason says how to fix it).</summary>
public sealed record SqlFirstRefusal(string Table, string Reason);
