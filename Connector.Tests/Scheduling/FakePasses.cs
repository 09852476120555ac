using Connector.Scheduling;

namespace Connector.Tests.Scheduling;

/// <summary>Passes that record the order they ran in and return a fixed result.</summary>
public sealed class FakePasses(List<string> log, PassResult? shipResult = null) : IInboundPass, IPollPass, IShipPass
{
    ValueTask<PassResult> IInboundPass.RunAsync(CancellationToken cancellationToken) => Record("inbound", PassResult.Empty);

    ValueTask<PassResult> IPollPass.RunAsync(CancellationToken cancellationToken) => Record("poll", PassResult.Empty);

    ValueTask<PassResult> IShipPass.RunAsync(CancellationToken cancellationToken) => Record("ship", shipResult ?? PassResult.Empty);

    private ValueTask<PassResult> Record(string name, PassResult result)
    {
        log.Add(name);
        return ValueTask.FromResult(result);
    }
}
