namespace Connector.Scheduling;

/// <summary><c>sync</c>: one pass of each job, in order inbound, poll, ship; a failed pass stops the rest.</summary>
public sealed class SyncRunner(IInboundPass inbound, IPollPass poll, IShipPass ship, PassRunner runner)
{
    public async Task<IReadOnlyList<(PassKind Kind, PassResult Result)>> RunAsync(CancellationToken cancellationToken) =>
    [
        (PassKind.Inbound, await runner.RunAsync(PassKind.Inbound, inbound.RunAsync, cancellationToken)),
        (PassKind.Poll, await runner.RunAsync(PassKind.Poll, poll.RunAsync, cancellationToken)),
        (PassKind.Ship, await runner.RunAsync(PassKind.Ship, ship.RunAsync, cancellationToken)),
    ];

    /// <summary>0, or <see cref="ExitCodes.Stopped"/> when a pass reports a stopped Realm path.</summary>
    public static int ExitCode(IReadOnlyList<(PassKind Kind, PassResult Result)> results) =>
        results.Any(r => r.Result.RealmPathStopped) ? ExitCodes.Stopped : ExitCodes.Success;
}
