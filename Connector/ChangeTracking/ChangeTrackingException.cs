namespace Connector.ChangeTracking;

/// <summary>A row read from SQL Server cannot be sent to Realm as it is (the message names the table, the key and the fix).</summary>
public sealed class ChangeTrackingException(string message, Exception? inner = null) : ConnectorException(message, inner: inner);
