namespace Connector.Scheduling;

/// <summary>The three passes, in the order <c>sync</c> runs them.</summary>
public enum PassKind
{
    Inbound,
    Poll,
    Ship,
}
