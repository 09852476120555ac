using Connector.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Connector.Scheduling;

/// <summary>
/// The Quartz set-up of <c>run</c>: three jobs, each on its interval or cron expression, never overlapping
/// themselves; with <c>Scheduler:Clustered</c>, Quartz's SQL Server job store in the connector's database so
/// that several nodes share the jobs. Its tables (<see cref="QuartzTables"/>) are the DBA's, created with
/// scripts/quartz-tables.sql: the store only checks them at start-up and refuses to start when one is missing.
/// </summary>
public static class ConnectorSchedule
{
    /// <param name="pollJob">Whether the poll pass runs on the schedule: by default not on PostgreSQL, where run's capture
    /// follows the replication stream's push instead (Postgres/PgCaptureLoop).</param>
    public static void Add(IServiceCollection services, ConnectorOptions options, bool? pollJob = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scheduler = options.Scheduler;
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = scheduler.InstanceName);
            if (scheduler.Clustered)
            {
                q.UsePersistentStore(s =>
                {
                    s.UseSqlServer(options.SqlServer.ConnectionString);
                    // Each node gets a generated instance id: Quartz turns that on for a clustered store.
                    s.UseClustering(_ => { });
                    s.UseSystemTextJsonSerializer(_ => { });
                    s.ConfigureStore(ConfigureStore);
                });
            }

            AddJob<InboundApplyJob>(q, PassKind.Inbound, scheduler.InboundInterval, scheduler.InboundCron);
            if (pollJob ?? options.Served() != DatabaseProvider.Postgres)
            {
                AddJob<PollJob>(q, PassKind.Poll, scheduler.PollInterval, scheduler.PollCron);
            }
            AddJob<ShipJob>(q, PassKind.Ship, scheduler.ShipInterval, scheduler.ShipCron);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    /// <summary>
    /// The job store's tables are <c>[realmsync].[QRTZ_*]</c>, and the store validates them rather than creating
    /// them (Quartz's default, stated here because creating them needs DDL permissions the role does not have).
    /// </summary>
    public static void ConfigureStore(AdoJobStoreOptions store)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.TablePrefix = QuartzTables.TablePrefix;
        store.SchemaProvisioning = SchemaProvisioning.Validate;
    }

    /// <summary>A human description of a job's schedule, for the start-up log line.</summary>
    public static string Describe(TimeSpan interval, string? cron) =>
        string.IsNullOrEmpty(cron) ? "every " + interval.ToString("c", System.Globalization.CultureInfo.InvariantCulture) : "cron '" + cron + "'";

    private static void AddJob<TJob>(IQuartzBuilder q, PassKind kind, TimeSpan interval, string? cron)
        where TJob : IJob
    {
        var key = new JobKey(kind.ToString(), "realm-sqlserver");
        q.AddJob<TJob>(j => j.WithIdentity(key).WithDescription(Describe(interval, cron)));
        q.AddTrigger(t =>
        {
            t.ForJob(key).WithIdentity(kind + "-trigger", "realm-sqlserver").StartNow();
            if (string.IsNullOrEmpty(cron))
            {
                // A missed firing (the node was busy or down) is not made up for: the next pass catches up anyway.
                t.WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount));
            }
            else
            {
                t.WithCronSchedule(cron, c => c.WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing));
            }
        });
    }
}
