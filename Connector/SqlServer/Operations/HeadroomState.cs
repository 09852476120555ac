namespace Connector.SqlServer.Operations;

public enum HeadroomState
{
    Ok,
    Warning,
    Lost,
    NotTracked,

    /// <summary>The retention period is hidden from the login, so the time left cannot be measured.</summary>
    Unknown,
}
