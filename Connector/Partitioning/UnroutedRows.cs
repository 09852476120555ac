using System.Globalization;
using Connector.Operations;
using Connector.SchemaGeneration;

namespace Connector.Partitioning;

/// <summary>
/// What <c>status</c> and <c>doctor</c> say, on both databases, of the rows of a partitioned mapping's tables whose
/// <see cref="SchemaMapper.RealmColumn"/> names no registered Realm of the mapping (written in SQL with a wrong id, or
/// for a Realm that never registered): such rows are sent to no Realm; they go out in a Realm's initial load if a Realm
/// with that id registers. Each database counts them its own way and names a table in its own quoting.
/// </summary>
public static class UnroutedRows
{
    /// <summary>What to do about them, for <c>status</c>'s warning.</summary>
    public const string Fix = "give each the RealmId of its Realm, or delete it";

    /// <summary>One line for the rows of no registered Realm (per table, tables with none left out), or null when there are none.</summary>
    public static string? Describe(IReadOnlyList<(string Table, long Rows)> unrouted)
    {
        ArgumentNullException.ThrowIfNull(unrouted);
        return unrouted.Count == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{unrouted.Sum(u => u.Rows)} row(s) whose {SchemaMapper.RealmColumn} is no registered Realm ") +
              "(" + string.Join(", ", unrouted.Select(u => string.Create(CultureInfo.InvariantCulture, $"{u.Table}: {u.Rows}"))) + "): they are not sent to any Realm";
    }

    /// <summary>
    /// <c>doctor</c>'s line for one partitioned mapping: a warning when rows of no registered Realm exist.
    /// <paramref name="catalogTable"/> is realmsync's MappedRealm as the database spells it, for the fix.
    /// </summary>
    public static CheckResult Check(string pattern, long registered, IReadOnlyList<(string Table, long Rows)> unrouted, string catalogTable)
    {
        var name = $"partitioned mapping '{pattern}'";
        var paths = string.Create(CultureInfo.InvariantCulture, $"{registered} Realm path(s) registered");
        return Describe(unrouted) is { } rows
            ? CheckResult.Warn(name, $"{paths}; {rows}.",
                $"give each row the RealmId of its Realm ({catalogTable}, mode 'partition'), or delete it; a Realm that registers with that id later receives it.")
            : CheckResult.Pass(name, $"{paths}; every row belongs to one of them.");
    }
}
