using Connector.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Npgsql.Replication;
using Npgsql.Replication.PgOutput;
using Npgsql.Replication.PgOutput.Messages;

namespace Connector.Postgres;

/// <summary>
/// PostgreSQL to Realm in <c>run</c>, driven by the replication stream's push rather than a poll interval: each served
/// path's slot is streamed until the server sends a change of a transaction the connector did not write (pgoutput sends
/// a transaction when it commits), or another pass's barrier, or <c>Scheduler:PollInterval</c> passes; then the streams
/// are closed (a capture pass needs its slot), one capture pass runs over every path, then one ship pass (which also
/// sends what the applier's conflict probes captured). Nothing is confirmed by the streams: only the capture pass moves a slot.
/// </summary>
public sealed class PgCaptureLoop(
    ServedRealms served, PgConnectionFactory connections, PgCapturePass capture, IPollPass poll, IShipPass ship, PassRunner runner,
    TimeSpan interval, ILogger<PgCaptureLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.RunAsync(PassKind.Poll, poll.RunAsync, stoppingToken);
                // Always: the applier's conflict probes capture too (PgConflictProbe), and what they wrote goes out now.
                await runner.RunAsync(PassKind.Ship, ship.RunAsync, stoppingToken);

                await WaitForChangesAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // As the poll job of SQL Server: a failed pass is logged and tried again; nothing of it was committed.
                var wait = TimeSpan.FromTicks(Math.Min(interval.Ticks, TimeSpan.FromSeconds(5).Ticks));
                logger.LogError(e, "PostgreSQL capture loop: {Error}; trying again in {Wait}", e.Message, wait);
                await Task.Delay(wait, stoppingToken);
            }
        }
    }

    /// <summary>Returns when a path's slot holds a change to send, another pass wants a slot, or the interval is over.</summary>
    private async Task WaitForChangesAsync(CancellationToken stoppingToken)
    {
        var (realms, _) = await served.ListCapturedAsync(stoppingToken);
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        wake.CancelAfter(interval);
        var watches = realms.Select(r => WatchAsync(r.RealmId, wake)).ToList();
        try
        {
            await Task.WhenAll(watches);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // woken: a change, a barrier, or the interval
        }
    }

    private async Task WatchAsync(int realmId, CancellationTokenSource wake)
    {
        string slot;
        await using (var connection = await connections.OpenAsync(wake.Token))
        {
            slot = await PgCapture.SlotNameAsync(connection, realmId, wake.Token);
        }

        await using var replication = new LogicalReplicationConnection(capture.ConnectionString);
        await replication.Open(wake.Token);
        var options = new PgOutputReplicationOptions([PgCapture.Name(realmId)], PgOutputProtocolVersion.V1, messages: true);
        var marked = false;
        try
        {
            await foreach (var message in replication.StartReplication(new PgOutputReplicationSlot(slot), options, wake.Token))
            {
                switch (message)
                {
                    case BeginMessage:
                        marked = false;
                        break;
                    case LogicalDecodingMessage { Prefix: PgCapture.MarkerPrefix }:
                        marked = true;
                        break;
                    case LogicalDecodingMessage { Prefix: PgChangeReader.BarrierPrefix }:
                    case InsertMessage or UpdateMessage or DeleteMessage or TruncateMessage when !marked:
                        await wake.CancelAsync();
                        return;
                }
            }
        }
        catch (PostgresException e) when (e.SqlState is "55006" or "42704")
        {
            // The slot is in use by a pass (resend, another node) or not created yet: the next capture pass sees to it.
            await Task.Delay(TimeSpan.FromMilliseconds(200), wake.Token);
        }
    }
}
