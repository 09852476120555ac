namespace Connector.Adapter;

/// <summary>The outbound <c>"source"</c>: the SQL Server Change Tracking versions a transaction was read between.</summary>
public sealed record ChangeTrackingSource(long ChangeTrackingFrom, long ChangeTrackingTo);
