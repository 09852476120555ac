namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// A row read from SQL Server cannot be sent to Realm as it is, or a table cannot be read (the message names the
/// table, the key where there is one, and the fix).
/// </summary>
public sealed class ChangeTrackingException(string message, Exception? inner = null, int exitCode = ExitCodes.Failure) : ConnectorException(message, exitCode, inner);
