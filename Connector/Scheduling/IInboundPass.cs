namespace Connector.Scheduling;

/// <summary>One pass of the applier: inbound journal transactions applied to SQL Server, per served Realm path.</summary>
public interface IInboundPass
{
    ValueTask<PassResult> RunAsync(CancellationToken cancellationToken);
}
