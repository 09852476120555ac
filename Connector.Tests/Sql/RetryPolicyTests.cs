using Connector.Sql;

namespace Connector.Tests.Sql;

public class RetryPolicyTests
{
    private readonly List<TimeSpan> _waits = [];

    [SetUp]
    public void ForgetWaits() => _waits.Clear();

    private RetryPolicy Policy(int attempts, double random = 1.0) => new(
        attempts, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10),
        (wait, _) => { _waits.Add(wait); return Task.CompletedTask; }, () => random);

    [Test]
    public void Delays_double_up_to_the_cap()
    {
        var policy = Policy(10);

        Assert.That(Enumerable.Range(1, 6).Select(policy.DelayAfter),
            Is.EqualTo(new[] { 1, 2, 4, 8, 10, 10 }.Select(s => TimeSpan.FromSeconds(s))));
    }

    [Test]
    public void Jitter_keeps_each_delay_between_half_and_all_of_it()
    {
        Assert.That(Policy(3, random: 0.0).DelayAfter(3), Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(Policy(3, random: 0.5).DelayAfter(3), Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task A_transient_failure_is_retried_after_the_backoff_until_it_succeeds()
    {
        var attempts = 0;

        var result = await Policy(5).ExecuteAsync(
            (attempt, _) => ++attempts < 3 ? throw new IOException("reset") : Task.FromResult(attempt), _ => true, null, CancellationToken.None);

        Assert.That(result, Is.EqualTo(3));
        Assert.That(_waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }));
    }

    [Test]
    public void The_last_failure_is_thrown_after_max_attempts()
    {
        var attempts = 0;

        Assert.ThrowsAsync<IOException>(() => Policy(3).ExecuteAsync<int>(
            (_, _) => { attempts++; throw new IOException("reset"); }, _ => true, null, CancellationToken.None));
        Assert.That(attempts, Is.EqualTo(3));
        Assert.That(_waits, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_failure_that_is_not_transient_is_not_retried()
    {
        var attempts = 0;

        Assert.ThrowsAsync<InvalidOperationException>(() => Policy(3).ExecuteAsync<int>(
            (_, _) => { attempts++; throw new InvalidOperationException(); }, e => e is IOException, null, CancellationToken.None));
        Assert.That(attempts, Is.EqualTo(1));
    }

    [Test]
    public void Cancellation_stops_before_the_next_attempt()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAsync<OperationCanceledException>(() => Policy(3).ExecuteAsync(
            (_, _) => Task.FromResult(1), _ => true, null, cancellation.Token));
    }
}
