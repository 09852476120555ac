namespace Connector.Postgres;

/// <summary>A conflict probe met a transaction committing as its snapshot was taken: transient, the Realm transaction is tried again.</summary>
public sealed class PgCaptureRaceException(string message) : ConnectorException(message, ExitCodes.Failure);
