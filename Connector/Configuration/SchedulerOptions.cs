namespace Connector.Configuration;

/// <summary>
/// <c>RealmSqlServer:Scheduler</c>: when the <c>run</c> host's jobs fire. Each job runs on its interval, or on
/// its cron expression (Quartz syntax, seconds first) when one is given.
/// </summary>
public sealed class SchedulerOptions
{
    public TimeSpan InboundInterval { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan ShipInterval { get; set; } = TimeSpan.FromSeconds(5);
    public string? InboundCron { get; set; }
    public string? PollCron { get; set; }
    public string? ShipCron { get; set; }

    /// <summary>Several nodes share the jobs through Quartz's SQL Server job store (its tables must exist).</summary>
    public bool Clustered { get; set; }

    /// <summary>The Quartz scheduler name; nodes of one cluster share it.</summary>
    public string InstanceName { get; set; } = "realm-sqlserver";
}
