using Microsoft.Extensions.Options;

namespace Connector.Configuration;

/// <summary>A list of failures as the options framework's result.</summary>
public static class ValidationResults
{
    public static ValidateOptionsResult Of(IReadOnlyList<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
