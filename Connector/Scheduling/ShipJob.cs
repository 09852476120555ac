using Quartz;

namespace Connector.Scheduling;

/// <summary>
/// The scheduled ship pass: the outbox to the outbound journal.
/// Never two at once on a node, nor in a cluster (Quartz's store honours the attribute across nodes);
/// a shutdown cancels the token and the host waits for the pass to end.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ShipJob(IShipPass pass, PassRunner runner) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await runner.RunAsync(PassKind.Ship, pass.RunAsync, cancellationToken);
}
