namespace Connector.Scheduling;

/// <summary>One pass of the Change Tracking poller: SQL changes into the outbox, with the new watermarks.</summary>
public interface IPollPass
{
    ValueTask<PassResult> RunAsync(CancellationToken cancellationToken);
}
