namespace Connector.Scheduling;

/// <summary>One pass of the outbox shipper: unshipped outbox transactions written to the outbound journal.</summary>
public interface IShipPass
{
    ValueTask<PassResult> RunAsync(CancellationToken cancellationToken);
}
