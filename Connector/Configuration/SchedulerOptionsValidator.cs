using Microsoft.Extensions.Options;
using Quartz;

namespace Connector.Configuration;

/// <summary>Checks <see cref="SchedulerOptions"/>: intervals in range, cron expressions that Quartz accepts.</summary>
public sealed class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, SchedulerOptions options) => ValidationResults.Of(Check(options));

    public static IReadOnlyList<string> Check(SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new OptionFailures("Scheduler");
        CheckInterval(failures, nameof(options.InboundInterval), options.InboundInterval);
        CheckInterval(failures, nameof(options.PollInterval), options.PollInterval);
        CheckInterval(failures, nameof(options.ShipInterval), options.ShipInterval);
        CheckCron(failures, nameof(options.InboundCron), options.InboundCron);
        CheckCron(failures, nameof(options.PollCron), options.PollCron);
        CheckCron(failures, nameof(options.ShipCron), options.ShipCron);
        failures.AddUnless(!string.IsNullOrWhiteSpace(options.InstanceName), nameof(options.InstanceName), options.InstanceName,
            "must name the scheduler (nodes of one cluster share it); the default is 'realm-sqlserver'.");
        return failures.All;
    }

    private static void CheckInterval(OptionFailures failures, string key, TimeSpan value) =>
        failures.AddUnless(value >= MinInterval && value <= MaxInterval, key, value,
            "must be between 00:00:01 and 1.00:00:00 ([d.]hh:mm:ss); for other schedules give a cron expression instead.");

    private static void CheckCron(OptionFailures failures, string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        try
        {
            _ = new CronExpression(value);
        }
        catch (FormatException e)
        {
            failures.Add(key, value, $"is not a Quartz cron expression ({e.Message}); write seconds first, " +
                "such as '0/30 * * * * ?' (every 30 seconds), or remove it to use the interval.");
        }
    }
}
