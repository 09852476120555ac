namespace Connector.Sql;

/// <summary>
/// Runs an operation again after a transient failure, with exponential backoff and jitter: attempt n waits a
/// random time between half and all of <c>min(BaseDelay * 2^(n-1), MaxDelay)</c> (so concurrent nodes do not
/// retry in step). The delay and the random source are injectable so that tests run without waiting.
/// </summary>
public sealed class RetryPolicy
{
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Func<double> _random;

    public RetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay,
        Func<TimeSpan, CancellationToken, Task>? delay = null, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
        _delay = delay ?? Task.Delay;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>
    /// The policy of the Sync settings (<c>Sync.MaxRetries</c> retries after the first attempt, the first wait
    /// <c>Sync.RetryDelay</c>, waits capped at 32 times it), as the applier and the poller both retry.
    /// </summary>
    public static RetryPolicy ForSync(int maxRetries, TimeSpan retryDelay) =>
        new(maxRetries + 1, retryDelay, TimeSpan.FromTicks(retryDelay.Ticks * 32));

    public int MaxAttempts { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var exponential = BaseDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped * (0.5 + (0.5 * _random()))));
    }

    /// <summary>
    /// Runs <paramref name="operation"/> (given the 1-based attempt number) until it succeeds, fails with an
    /// error <paramref name="isTransient"/> refuses, or has failed <see cref="MaxAttempts"/> times (the last
    /// error is thrown). <paramref name="onRetry"/> hears of each failure that will be retried.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(
        Func<int, CancellationToken, Task<T>> operation,
        Func<Exception, bool> isTransient,
        Action<Exception, int, TimeSpan>? onRetry,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(isTransient);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await operation(attempt, cancellationToken);
            }
            catch (Exception e) when (attempt < MaxAttempts && !cancellationToken.IsCancellationRequested && isTransient(e))
            {
                var wait = DelayAfter(attempt);
                onRetry?.Invoke(e, attempt, wait);
                await _delay(wait, cancellationToken);
            }
        }
    }
}
