namespace Connector.Applier;

public enum InboundRunStatus
{
    /// <summary>Every complete line of the journal is applied (or skipped as applied before).</summary>
    CaughtUp,

    /// <summary>The Realm path is stopped until an operator acts and the connector restarts (the reason says what to do).</summary>
    Stopped,

    /// <summary>Transient errors outlasted the retries; the next run takes the same transaction up again.</summary>
    RetryLater,
}
