using Connector.Configuration;
using Connector.Scheduling;
using Connector.Tests.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace Connector.Tests.Scheduling;

public class SchedulingTests
{
    [Test]
    public async Task Sync_runs_inbound_then_poll_then_ship()
    {
        var log = new List<string>();
        var passes = new FakePasses(log);
        using var meters = new TestMeters();
        var runner = new SyncRunner(passes, passes, passes, new PassRunner(NullLogger<PassRunner>.Instance, meters.Metrics));

        var results = await runner.RunAsync(CancellationToken.None);

        Assert.That(log, Is.EqualTo(new[] { "inbound", "poll", "ship" }));
        Assert.That(results.Select(r => r.Kind), Is.EqualTo(new[] { PassKind.Inbound, PassKind.Poll, PassKind.Ship }));
        Assert.That(SyncRunner.ExitCode(results), Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public async Task A_stopped_Realm_path_makes_sync_exit_9()
    {
        var passes = new FakePasses([], new PassResult(1, 0, [], ["/default"]));
        using var meters = new TestMeters();
        var runner = new SyncRunner(passes, passes, passes, new PassRunner(NullLogger<PassRunner>.Instance, meters.Metrics));

        Assert.That(SyncRunner.ExitCode(await runner.RunAsync(CancellationToken.None)), Is.EqualTo(ExitCodes.Stopped));
    }

    [TestCase(typeof(InboundApplyJob))]
    [TestCase(typeof(PollJob))]
    [TestCase(typeof(ShipJob))]
    public void Jobs_never_overlap_themselves(Type job) =>
        Assert.That(job.GetCustomAttributes(typeof(DisallowConcurrentExecutionAttribute), inherit: false), Has.Length.EqualTo(1));

    [Test]
    public void Without_registered_passes_run_and_sync_refuse_naming_what_is_missing()
    {
        var builder = ConnectorHost.CreateBuilder(Options(), (_, _) => { });

        var e = Assert.Throws<ConnectorException>(() => PassRegistration.ThrowIfMissing(builder.Services));

        Assert.That(e!.Message, Does.StartWith("this build of realm-sqlserver has no implementation registered for IInboundPass, IPollPass, IShipPass"));
    }

    [Test]
    public void The_default_registration_provides_the_applier_the_poller_and_the_shipper()
    {
        var builder = ConnectorHost.CreateBuilder(Options());
        PassRegistration.ThrowIfMissing(builder.Services);
        using var host = builder.Build();

        Assert.That(host.Services.GetRequiredService<IInboundPass>(), Is.TypeOf<Connector.Applier.InboundApplyPass>());
        Assert.That(host.Services.GetRequiredService<IPollPass>(), Is.TypeOf<Connector.SqlServer.ChangeTracking.ChangeTrackingPollPass>());
        Assert.That(host.Services.GetRequiredService<IShipPass>(), Is.TypeOf<Connector.SqlServer.ChangeTracking.OutboxShipPass>());
    }

    [Test]
    public async Task The_schedule_holds_three_jobs_on_their_interval_or_cron()
    {
        var options = Options();
        options.Scheduler.PollCron = "0/30 * * * * ?";
        var builder = ConnectorHost.CreateBuilder(options, (services, _) =>
        {
            var passes = new FakePasses([]);
            services.AddSingleton<IInboundPass>(passes).AddSingleton<IPollPass>(passes).AddSingleton<IShipPass>(passes);
        });
        PassRegistration.ThrowIfMissing(builder.Services);
        ConnectorSchedule.Add(builder.Services, options);
        using var host = builder.Build();

        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        try
        {
            var jobs = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals("realm-sqlserver"));
            Assert.That(jobs.Select(j => j.Name).Order(), Is.EqualTo(new[] { "Inbound", "Poll", "Ship" }));
            Assert.That(scheduler.SchedulerName, Is.EqualTo("realm-sqlserver"));
            var poll = (await scheduler.GetTriggersOfJob(new JobKey("Poll", "realm-sqlserver"))).Single();
            Assert.That(poll, Is.InstanceOf<ICronTrigger>());
            Assert.That(((ICronTrigger)poll).CronExpressionString, Is.EqualTo("0/30 * * * * ?"));
            var ship = (await scheduler.GetTriggersOfJob(new JobKey("Ship", "realm-sqlserver"))).Single();
            Assert.That(((ISimpleTrigger)ship).RepeatInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
        }
        finally
        {
            await scheduler.Shutdown();
        }
    }

    private static ConnectorOptions Options()
    {
        var options = new ConnectorOptions();
        options.SqlServer.ConnectionString = "Server=sql1;Database=RealmSync;Integrated Security=true";
        options.Realm.JournalPath = "/tmp";
        return options;
    }
}
