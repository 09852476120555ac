using Microsoft.Extensions.Options;

namespace Connector.Configuration;

/// <summary>Checks <see cref="RealmOptions"/> (whether the journal is writable is <c>doctor</c>'s job).</summary>
public sealed class RealmOptionsValidator : IValidateOptions<RealmOptions>
{
    public ValidateOptionsResult Validate(string? name, RealmOptions options) => ValidationResults.Of(Check(options));

    public static IReadOnlyList<string> Check(RealmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new OptionFailures("Realm");
        failures.AddUnless(!string.IsNullOrWhiteSpace(options.JournalPath), nameof(options.JournalPath), options.JournalPath,
            "the journal root is not configured; set it to a folder the connector can write, such as /var/lib/realm-sqlserver/journal.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.RealmPaths.Count; i++)
        {
            var path = options.RealmPaths[i];
            var key = $"{nameof(options.RealmPaths)}:{i}";
            if (string.IsNullOrWhiteSpace(path))
            {
                failures.Add(key, path, "is empty; give a mapped Realm path such as /default, or leave RealmPaths empty to serve every mapped path.");
            }
            else if (!seen.Add(path))
            {
                failures.Add(key, path, "is listed twice; remove the duplicate.");
            }
        }

        return failures.All;
    }
}
