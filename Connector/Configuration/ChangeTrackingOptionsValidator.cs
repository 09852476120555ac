using Microsoft.Extensions.Options;

namespace Connector.Configuration;

/// <summary>Checks <see cref="ChangeTrackingOptions"/>.</summary>
public sealed class ChangeTrackingOptionsValidator : IValidateOptions<ChangeTrackingOptions>
{
    public const int MaxRetentionDays = 365;

    public ValidateOptionsResult Validate(string? name, ChangeTrackingOptions options) => ValidationResults.Of(Check(options));

    public static IReadOnlyList<string> Check(ChangeTrackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new OptionFailures("ChangeTracking");
        failures.AddUnless(options.RetentionDays is >= 1 and <= MaxRetentionDays, nameof(options.RetentionDays), options.RetentionDays,
            $"must be between 1 and {MaxRetentionDays} days, and longer than the longest time the connector may be down; the default is 2.");
        failures.AddUnless(options.RetentionWarningFraction is > 0 and < 1, nameof(options.RetentionWarningFraction),
            options.RetentionWarningFraction, "must be a fraction between 0 and 1 (exclusive), such as 0.25.");
        return failures.All;
    }
}
