using Connector.Catalog;
using Connector.ChangeTracking;
using Connector.Configuration;
using Connector.Scheduling;
using Connector.Sql;
using Connector.SqlServer.ChangeTracking;
using Connector.SqlServer.Sql;
using Connector.Tests.SqlServer.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connector.Tests.ChangeTracking;

/// <summary>
/// The poll pass retries each Realm path as the applier retries a transaction, without a server: the failing poll is
/// injected. A snapshot conflict with the applier's DDL (3961), a deadlock or a timeout is retried; a path still
/// failing after the retries is a warning and the next path is polled; anything else is thrown at once.
/// </summary>
public class PollRetryTests
{
    private const string Path = "/default";
    private static readonly MappedRealm First = new(1, "/first", "app");
    private static readonly MappedRealm Second = new(2, "/second", "app");
    private static readonly PollResult Polled = new(10, 1, 2, 7, []);

    private readonly List<TimeSpan> waits = [];

    [SetUp]
    public void ForgetWaits() => waits.Clear();

    [Test]
    public async Task A_snapshot_conflict_with_the_appliers_ddl_is_retried_until_the_pass_goes_through()
    {
        var attempts = 0;

        var (result, warning) = await Retry(3).RunAsync(Path, (_, _) => ++attempts < 3 ? throw SqlErrors.Exception(3961) : Task.FromResult(Polled), CancellationToken.None);

        Assert.That((result, warning, attempts, waits.Count), Is.EqualTo((Polled, (string?)null, 3, 2)));
    }

    [Test]
    public async Task A_path_still_failing_after_the_retries_is_a_warning_naming_it_and_the_error()
    {
        var attempts = 0;

        var (result, warning) = await Retry(3).RunAsync<PollResult>(Path, (_, _) => { attempts++; throw SqlErrors.Exception(1205, message: "deadlock victim"); }, CancellationToken.None);

        Assert.That((result, attempts), Is.EqualTo(((PollResult?)null, 3)));
        Assert.That(warning, Is.EqualTo("Realm path '/default': the poll failed 3 time(s) with a transient error (last: deadlock victim); " +
            "nothing of it was committed and its watermarks did not move: the next pass reads the same changes"));
    }

    [Test]
    public void A_failure_that_is_not_transient_is_thrown_at_the_first_attempt()
    {
        var attempts = 0;

        Assert.That(() => Retry(3).RunAsync<PollResult>(Path, (_, _) => { attempts++; throw new ChangeTrackingException("not readable"); }, CancellationToken.None),
            Throws.TypeOf<ChangeTrackingException>());
        Assert.That(attempts, Is.EqualTo(1));
    }

    [Test]
    public void A_cancelled_pass_is_not_retried_nor_turned_into_a_warning()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(() => Retry(3).RunAsync<PollResult>(Path, (_, token) => { token.ThrowIfCancellationRequested(); return Task.FromResult(Polled); }, cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Each_timed_out_attempt_doubles_the_paths_command_timeout_and_the_next_pass_keeps_it()
    {
        var retry = Retry(3);
        var factors = new List<int>();

        var (_, warning) = await retry.RunAsync<PollResult>(Path, (factor, _) => { factors.Add(factor); throw SqlErrors.Exception(TransientErrors.ClientTimeout); }, CancellationToken.None);
        var (result, _) = await retry.RunAsync(Path, (factor, _) => { factors.Add(factor); return Task.FromResult(Polled); }, CancellationToken.None);

        Assert.That(factors, Is.EqualTo(new[] { 1, 2, 4, 8 }));
        Assert.That(warning, Does.EndWith("the next pass reads the same changes, with 8 times the configured command timeout (SqlServer.CommandTimeout)"));
        Assert.That((result, retry.Timeouts.Factor("/other")), Is.EqualTo((Polled, 1)));
    }

    [Test]
    public void A_timeout_factor_is_capped_and_scales_the_configured_seconds_leaving_no_limit_alone()
    {
        var timeouts = new PollTimeouts();
        for (var i = 0; i < 10; i++)
        {
            timeouts.TimedOut(Path);
        }

        Assert.That(timeouts.Factor(Path), Is.EqualTo(PollTimeouts.MaxFactor));
        Assert.That((PollTimeouts.Seconds(30, 4), PollTimeouts.Seconds(0, 8), PollTimeouts.Seconds(int.MaxValue, 2)), Is.EqualTo((120, 0, int.MaxValue)));
    }

    [Test]
    public async Task A_path_that_keeps_failing_is_a_warning_for_the_pass_and_the_other_paths_are_still_polled()
    {
        var pass = Pass(maxAttempts: 2);
        var polled = new List<string>();

        var result = await pass.PollEachAsync([First, Second], ["a configured path is not mapped"], (realm, _, _) =>
        {
            polled.Add(realm.RealmPath);
            return realm == First ? throw SqlErrors.Exception(3960, message: "update conflict") : Task.FromResult<PollResult?>(Polled);
        }, CancellationToken.None);

        Assert.That(polled, Is.EqualTo(new[] { "/first", "/first", "/second" }));
        Assert.That((result.Transactions, result.Rows, result.RealmPathStopped), Is.EqualTo((2, 7, false)));
        Assert.That(result.Warnings, Is.EqualTo(new[]
        {
            "a configured path is not mapped",
            "Realm path '/first': the poll failed 2 time(s) with a transient error (last: update conflict); nothing of it was committed and its watermarks did not move: the next pass reads the same changes",
        }));
    }

    [Test]
    public async Task A_path_without_a_deployment_is_a_warning_and_is_not_retried()
    {
        var attempts = 0;

        var result = await Pass(maxAttempts: 3).PollEachAsync([First], [], (_, _, _) => { attempts++; return Task.FromResult<PollResult?>(null); }, CancellationToken.None);

        Assert.That((attempts, result.Warnings.Single()), Is.EqualTo((1, "Realm path '/first' has no schema deployment in realmsync.SchemaDeployment; nothing to poll")));
    }

    [Test]
    public void The_registered_poller_retries_with_the_sync_settings_the_applier_uses()
    {
        var options = new ConnectorOptions();
        options.SqlServer.ConnectionString = "Server=sql1;Database=RealmSync;Integrated Security=true";
        options.Realm.JournalPath = "/tmp";
        options.Sync.MaxRetries = 2;
        options.Sync.RetryDelay = TimeSpan.FromSeconds(3);
        var services = new ServiceCollection();

        PassRegistration.Add(services, options);
        using var provider = services.BuildServiceProvider();

        var poll = provider.GetRequiredService<PollOptions>();
        Assert.That((poll.MaxRetries, poll.RetryDelay), Is.EqualTo((2, TimeSpan.FromSeconds(3))));
    }

    private PollRetry Retry(int maxAttempts) =>
        new(Policy(maxAttempts), new PollTimeouts(), NullLogger.Instance);

    private ChangeTrackingPollPass Pass(int maxAttempts)
    {
        var connections = new SqlConnectionFactory("Server=nowhere;Database=RealmSync;Integrated Security=true");
        return new ChangeTrackingPollPass(
            new ServedRealms(connections, Options.Create(new RealmOptions())), connections, new ChangeTrackingPoller(new PollOptions()), NullLogger<ChangeTrackingPollPass>.Instance, Policy(maxAttempts));
    }

    private RetryPolicy Policy(int maxAttempts) =>
        new(maxAttempts, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1), (wait, _) => { waits.Add(wait); return Task.CompletedTask; }, () => 0);
}
