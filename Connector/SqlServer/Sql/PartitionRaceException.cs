namespace Connector.SqlServer.Sql;

/// <summary>
/// Two nodes or two Realms of one partitioned mapping met at the same time on SQL Server: both registering the same new
/// Realm path, or both growing the mapping's shared tables. The transaction is rolled back and tried again
/// (<see cref="TransientErrors"/>), and the retry finds the other's registration or plans on the grown schema.
/// </summary>
public sealed class PartitionRaceException(string message, Exception? inner = null) : ConnectorException(message, ExitCodes.Failure, inner);
