using Microsoft.Extensions.Options;

namespace Connector.Configuration;

/// <summary>Checks <see cref="SchemaOptions"/>.</summary>
public sealed class SchemaOptionsValidator : IValidateOptions<SchemaOptions>
{
    public ValidateOptionsResult Validate(string? name, SchemaOptions options) => ValidationResults.Of(Check(options));

    public static IReadOnlyList<string> Check(SchemaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new OptionFailures("Schema");
        failures.AddUnless(options.ApplyMode is SchemaOptions.Auto or SchemaOptions.Script, nameof(options.ApplyMode), options.ApplyMode,
            "must be 'auto' (the connector deploys schema changes) or 'script' (it writes the script for a DBA and waits).");
        return failures.All;
    }
}
