namespace Connector.Operations;

public enum HeadroomState
{
    Ok,
    Warning,
    Lost,
    NotTracked,
}
