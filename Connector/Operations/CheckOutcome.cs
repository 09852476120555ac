namespace Connector.Operations;

public enum CheckOutcome
{
    Pass,
    Warn,
    Fail,
}
