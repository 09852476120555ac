using System.Globalization;

namespace Connector.Configuration;

/// <summary>
/// The failures one validator found, each naming the full configuration key, the value and the fix
/// (<c>RealmSqlServer:Sync:ConflictPolicy = 'sqlwins': ...</c>).
/// </summary>
public sealed class OptionFailures(string section)
{
    private readonly List<string> failures = [];

    public IReadOnlyList<string> All => failures;

    public string Key(string property) => $"{ConnectorOptions.SectionName}:{section}:{property}";

    /// <summary>Records <c>KEY = 'value': problem</c>; give the value already masked when it may hold a secret.</summary>
    public void Add(string property, object? value, string problem) =>
        failures.Add($"{Key(property)} = {Show(value)}: {problem}");

    public void AddUnless(bool condition, string property, object? value, string problem)
    {
        if (!condition)
        {
            Add(property, value, problem);
        }
    }

    /// <summary>One command's timeout (<c>CommandTimeout</c> of either database's section): 1 s to 1 h.</summary>
    public void AddUnlessCommandTimeout(TimeSpan timeout) => AddUnless(
        timeout >= TimeSpan.FromSeconds(1) && timeout <= TimeSpan.FromHours(1),
        "CommandTimeout", timeout, "must be between 00:00:01 and 01:00:00 (hh:mm:ss); the default is 00:00:30.");

    public static string Show(object? value) => value switch
    {
        null => "(not set)",
        string s => "'" + s + "'",
        TimeSpan t => "'" + t.ToString("c", CultureInfo.InvariantCulture) + "'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
