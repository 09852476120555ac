using Connector.Metrics;
using Microsoft.Extensions.Logging;

namespace Connector.Scheduling;

/// <summary>Runs one pass, logs its outcome and records its metrics the same way for the jobs and for <c>sync</c>.</summary>
public sealed class PassRunner(ILogger<PassRunner> logger, ConnectorMetrics metrics, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async ValueTask<PassResult> RunAsync(PassKind kind, Func<CancellationToken, ValueTask<PassResult>> pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var startedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        PassResult result;
        try
        {
            result = await pass(cancellationToken);
        }
        catch
        {
            metrics.RecordPassDuration(kind, _time.GetElapsedTime(started), failed: true);
            throw;
        }

        var elapsed = _time.GetElapsedTime(started);
        metrics.RecordPassDuration(kind, elapsed, failed: false);
        metrics.Record(kind, result, startedAt);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation(
                "{Pass} pass: {Transactions} transaction(s), {Rows} row(s) in {ElapsedMs} ms",
                kind, result.Transactions, result.Rows, (long)elapsed.TotalMilliseconds);
        }
        foreach (var warning in result.Warnings)
        {
            logger.LogWarning("{Pass} pass: {Warning}", kind, warning);
        }

        foreach (var path in result.StoppedRealmPaths)
        {
            logger.LogError("{Pass} pass: Realm path {RealmPath} is stopped; see realmsync.DeadLetter and 'realm-sqlserver status'", kind, path);
        }

        return result;
    }
}
