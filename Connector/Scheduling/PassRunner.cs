using Microsoft.Extensions.Logging;

namespace Connector.Scheduling;

/// <summary>Runs one pass and logs its outcome the same way for the jobs and for <c>sync</c>.</summary>
public sealed class PassRunner(ILogger<PassRunner> logger)
{
    public async ValueTask<PassResult> RunAsync(PassKind kind, Func<CancellationToken, ValueTask<PassResult>> pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var started = TimeProvider.System.GetTimestamp();
        var result = await pass(cancellationToken);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
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
