using Connector.Sql;
using Connector.SqlServer.ChangeTracking;
using Connector.SqlServer.Sql;
using Microsoft.Extensions.Logging;

namespace Connector.ChangeTracking;

/// <summary>
/// Runs one Realm path's poll with the retry policy of the Sync settings, as the applier retries a transaction: a
/// transient failure (<see cref="TransientErrors"/>: a deadlock, a snapshot conflict with the applier's DDL, a
/// timeout, a broken connection) has rolled the whole pass back, so it runs again from the start. A path still
/// failing after the retries is a warning for this pass, not a crash: its watermarks did not move, the next pass
/// reads the same changes, and the caller goes on with the other paths. Any other failure is thrown.
/// </summary>
public sealed class PollRetry(RetryPolicy policy, PollTimeouts timeouts, ILogger logger)
{
    public PollTimeouts Timeouts { get; } = timeouts;

    /// <param name="poll">One attempt, given the path's current timeout factor (<see cref="PollTimeouts.Factor"/>).</param>
    /// <returns>The result, or the warning when every attempt failed transiently.</returns>
    public async Task<(T? Result, string? Warning)> RunAsync<T>(string realmPath, Func<int, CancellationToken, Task<T>> poll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poll);
        try
        {
            var result = await policy.ExecuteAsync(
                (_, token) => poll(Timeouts.Factor(realmPath), token),
                IsTransient,
                (e, attempt, wait) =>
                {
                    var longer = Failed(realmPath, e);
                    logger.LogWarning("Realm path {RealmPath}: poll attempt {Attempt} failed transiently ({Error}); rolled back, retrying in {Wait}{Longer}",
                        realmPath, attempt, e.Message, wait, longer);
                },
                cancellationToken);
            return (result, null);
        }
        catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
        {
            var longer = Failed(realmPath, e);
            return (default, $"Realm path '{realmPath}': the poll failed {policy.MaxAttempts} time(s) with a transient error (last: {e.Message}); " +
                $"nothing of it was committed and its watermarks did not move: the next pass reads the same changes{longer}");
        }
    }

    private static bool IsTransient(Exception exception) => exception is not OperationCanceledException && TransientErrors.IsTransient(exception);

    /// <summary>Raises the path's timeout after a timeout; the text that says so, or empty.</summary>
    private string Failed(string realmPath, Exception exception) => TransientErrors.IsTimeout(exception)
        ? $", with {Timeouts.TimedOut(realmPath)} times the configured command timeout (SqlServer.CommandTimeout)"
        : string.Empty;
}
