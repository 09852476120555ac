using System.Runtime.InteropServices;

namespace Connector.Scheduling;

/// <summary>
/// SIGINT/SIGTERM (Ctrl+C, <c>systemctl stop</c>, <c>kill</c>) cancel a token instead of ending the process, so a
/// one-shot pass (<c>sync</c>) stops between transactions. The <c>run</c> host has its own lifetime for this.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly PosixSignalRegistration[] registrations;

    public ShutdownSignals(CancellationToken outer)
    {
        source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel),
        ];
    }

    public CancellationToken Token => source.Token;

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        source.Dispose();
    }

    private void Cancel(PosixSignalContext context)
    {
        context.Cancel = true;
        source.Cancel();
    }
}
