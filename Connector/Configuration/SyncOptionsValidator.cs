using Microsoft.Extensions.Options;

namespace Connector.Configuration;

/// <summary>Checks <see cref="SyncOptions"/>.</summary>
public sealed class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
    public const int MaxTransactionSize = 100_000;

    public ValidateOptionsResult Validate(string? name, SyncOptions options) => ValidationResults.Of(Check(options));

    public static IReadOnlyList<string> Check(SyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new OptionFailures("Sync");
        failures.AddUnless(options.ConflictPolicy is SyncOptions.SqlWins or SyncOptions.RealmWins, nameof(options.ConflictPolicy),
            options.ConflictPolicy, "must be 'sql-wins' or 'realm-wins'.");
        failures.AddUnless(options.OnBadTransaction is SyncOptions.Stop or SyncOptions.Skip, nameof(options.OnBadTransaction),
            options.OnBadTransaction, "must be 'stop' (the Realm path stops at a bad transaction) or 'skip' (it is dead-lettered and skipped).");
        failures.AddUnless(options.TransactionSize is >= 1 and <= MaxTransactionSize, nameof(options.TransactionSize),
            options.TransactionSize, $"must be between 1 and {MaxTransactionSize}; the default is 1000.");
        failures.AddUnless(options.MaxRetries is >= 0 and <= Applier.ApplierOptions.MaxRetriesLimit, nameof(options.MaxRetries),
            options.MaxRetries, $"must be between 0 and {Applier.ApplierOptions.MaxRetriesLimit}; the default is 5.");
        failures.AddUnless(options.RetryDelay > TimeSpan.Zero && options.RetryDelay <= Applier.ApplierOptions.MaxRetryDelay, nameof(options.RetryDelay),
            options.RetryDelay, $"must be above 00:00:00 and at most {Applier.ApplierOptions.MaxRetryDelay:c} ([d.]hh:mm:ss); the default is 00:00:01.");
        return failures.All;
    }
}
