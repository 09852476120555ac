using System.Globalization;
using Connector.Catalog;
using Connector.Partitioning;

namespace Connector.SqlServer.Operations;

/// <summary>
/// Prints a <see cref="StatusReport"/>, one block per Realm path mapped on its own and one per partitioned mapping,
/// whose registered paths (there may be thousands) are summed, not listed; pure, so tests pin its output.
/// </summary>
public static class StatusWriter
{
    /// <summary>Writes the report; returns the number of warnings (retention, dead letters, lost watermarks, rows of no registered Realm).</summary>
    public static int Write(StatusReport report, IReadOnlyCollection<string> servedPaths, double warningFraction, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(servedPaths);
        ArgumentNullException.ThrowIfNull(output);
        var warnings = 0;
        var realms = report.Realms.Where(r => r.PartitionOf is null && !r.IsPartitionedMapping && Served(servedPaths, r.RealmPath)).ToList();
        var mappings = report.Realms.Where(r => r.IsPartitionedMapping && Serves(report, r, servedPaths)).ToList();
        if (realms.Count == 0 && mappings.Count == 0)
        {
            output.WriteLine("No mapped Realm path" + (servedPaths.Count == 0 ? " in the catalog: run bootstrap (deploy.sql) first." : " matches RealmSqlServer:Realm:RealmPaths."));
        }

        foreach (var realm in realms)
        {
            output.WriteLine(Invariant($"Realm path {realm.RealmPath} (schema {realm.SqlSchema}, {realm.MappingMode})"));
            output.WriteLine(realm.InboundVersion is { } version
                ? Invariant($"  inbound cursor: version {version} (applied {realm.InboundUpdatedAt:u})")
                : "  inbound cursor: nothing applied yet");
            warnings += Watermarks(report, realm.RealmId, warningFraction, output);
            warnings += Figures(report, [realm.RealmId], "", output);
        }

        foreach (var mapping in mappings)
        {
            warnings += Partitioned(report, mapping, servedPaths, warningFraction, output);
        }

        return warnings;
    }

    /// <summary>
    /// A partitioned mapping's block: its registered paths counted, their cursors, outbox, dead letters and conflicts
    /// summed (those of Realm.RealmPaths when it is set), the mapping's own watermarks, and its rows of no registered Realm.
    /// </summary>
    private static int Partitioned(StatusReport report, StatusReport.Realm mapping, IReadOnlyCollection<string> servedPaths, double warningFraction, TextWriter output)
    {
        var registered = report.Realms.Where(r => r.PartitionOf == mapping.RealmId).ToList();
        var members = registered.Where(r => Served(servedPaths, r.RealmPath)).ToList();
        var served = servedPaths.Count == 0 ? "" : Invariant($", {members.Count} of them in Realm.RealmPaths (the figures below are theirs)");
        output.WriteLine(Invariant($"Partitioned mapping '{mapping.RealmPath}' (schema {mapping.SqlSchema}, views {mapping.SqlSchema}{SchemaGeneration.SchemaMapper.ScopeSchemaSuffix}): {registered.Count} Realm path(s) registered{served}"));
        var applied = members.Where(r => r.InboundVersion is not null).ToList();
        output.WriteLine(applied.Count == 0
            ? Invariant($"  inbound cursors: nothing applied yet ({members.Count} path(s))")
            : Invariant($"  inbound cursors: versions summing to {applied.Sum(r => r.InboundVersion!.Value)} over {applied.Count} path(s) (latest applied {applied.Max(r => r.InboundUpdatedAt):u}); {members.Count - applied.Count} path(s) with nothing applied yet"));
        var warnings = Watermarks(report, mapping.RealmId, warningFraction, output);
        // The mapping's own row may hold figures too (a dead letter of a path that could not register).
        warnings += Figures(report, [mapping.RealmId, .. members.Select(r => r.RealmId)], " over {0} path(s)", output);
        if (UnroutedRows.Describe(report.Partitioned.FirstOrDefault(p => p.RealmId == mapping.RealmId)?.Unrouted ?? []) is { } rows)
        {
            warnings++;
            output.WriteLine($"  WARNING {rows}; {UnroutedRows.Fix} (a Realm that registers with that id later receives them)");
        }

        return warnings;
    }

    private static int Watermarks(StatusReport report, int realmId, double warningFraction, TextWriter output)
    {
        var warnings = 0;
        foreach (var w in report.Watermarks.Where(w => w.RealmId == realmId))
        {
            var (state, text) = RetentionHeadroom.Assess(w.Version, w.MinValidVersion, w.CurrentVersion, w.Age, report.Retention, warningFraction);
            var lag = w.CurrentVersion is { } current ? Invariant($"lag {current - w.Version}") : "lag unknown";
            var warning = state is not (HeadroomState.Ok or HeadroomState.Unknown);
            warnings += warning ? 1 : 0;
            output.WriteLine(Invariant($"  {(warning ? "WARNING " : "")}table {Sql.SqlIdentifier.Quote(w.SqlSchema, w.SqlTable)}: watermark {w.Version}, {lag}; {text}"));
        }

        return warnings;
    }

    /// <summary>
    /// The outbox, dead letter and conflict lines of one Realm path, or summed over several; <paramref name="over"/>
    /// ({0}: the number of paths with figures) follows each sum. Returns the warnings written (dead letters).
    /// </summary>
    private static int Figures(StatusReport report, IReadOnlyCollection<int> realmIds, string over, TextWriter output)
    {
        var outbox = Sum(report.Outbox, realmIds, (a, b) => (a.Unshipped + b.Unshipped, Math.Max(a.OldestAgeSeconds, b.OldestAgeSeconds)));
        output.WriteLine(outbox is var (o, paths)
            ? Invariant($"  outbox: {o.Unshipped} unshipped{Over(over, paths)}, oldest {TimeSpan.FromSeconds(o.OldestAgeSeconds):c} old")
            : "  outbox: nothing unshipped");
        var deadLetters = Sum(report.DeadLetters, realmIds, Add);
        output.WriteLine(deadLetters is var (d, dPaths)
            ? Invariant($"  WARNING dead letters: {d.Count}{Over(over, dPaths)} (latest {d.Latest:u}); see realmsync.DeadLetter")
            : "  dead letters: none");
        output.WriteLine(Sum(report.Conflicts, realmIds, Add) is var (c, cPaths)
            ? Invariant($"  conflicts: {c.Count}{Over(over, cPaths)} (latest {c.Latest:u}); see realmsync.Conflict")
            : "  conflicts: none");
        return deadLetters is null ? 0 : 1;
    }

    private static (T Sum, int Paths)? Sum<T>(IReadOnlyDictionary<int, T> figures, IReadOnlyCollection<int> realmIds, Func<T, T, T> add)
        where T : struct
    {
        var found = realmIds.Where(figures.ContainsKey).Select(id => figures[id]).ToList();
        return found.Count == 0 ? null : (found.Aggregate(add), found.Count);
    }

    private static (long Count, DateTime Latest) Add((long Count, DateTime Latest) a, (long Count, DateTime Latest) b) =>
        (a.Count + b.Count, a.Latest > b.Latest ? a.Latest : b.Latest);

    private static string Over(string over, int paths) => string.Format(CultureInfo.InvariantCulture, over, paths);

    private static bool Served(IReadOnlyCollection<string> servedPaths, string realmPath) => servedPaths.Count == 0 || servedPaths.Contains(realmPath);

    /// <summary>Whether a node with Realm.RealmPaths serves a partitioned mapping: one of the paths is registered under it, or its pattern matches one.</summary>
    private static bool Serves(StatusReport report, StatusReport.Realm mapping, IReadOnlyCollection<string> servedPaths)
    {
        var pattern = new MappedRealm(mapping.RealmId, mapping.RealmPath, mapping.SqlSchema) { Partitioned = true };
        return servedPaths.Count == 0
            || report.Realms.Any(r => r.PartitionOf == mapping.RealmId && servedPaths.Contains(r.RealmPath))
            || servedPaths.Any(p => PartitionedPaths.Matching([pattern], p).Count > 0);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
