using System.Globalization;

namespace Connector.SqlServer.Operations;

/// <summary>Prints a <see cref="StatusReport"/>, one block per Realm path; pure, so tests pin its output.</summary>
public static class StatusWriter
{
    /// <summary>Writes the report; returns the number of warnings (retention, dead letters, lost watermarks).</summary>
    public static int Write(StatusReport report, IReadOnlyCollection<string> servedPaths, double warningFraction, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(servedPaths);
        ArgumentNullException.ThrowIfNull(output);
        var warnings = 0;
        var realms = report.Realms.Where(r => servedPaths.Count == 0 || servedPaths.Contains(r.RealmPath)).ToList();
        if (realms.Count == 0)
        {
            output.WriteLine("No mapped Realm path" + (servedPaths.Count == 0 ? " in the catalog: run bootstrap (deploy.sql) first." : " matches RealmSqlServer:Realm:RealmPaths."));
        }

        foreach (var realm in realms)
        {
            output.WriteLine(Invariant($"Realm path {realm.RealmPath} (schema {realm.SqlSchema}, {realm.MappingMode})"));
            output.WriteLine(realm.InboundVersion is { } version
                ? Invariant($"  inbound cursor: version {version} (applied {realm.InboundUpdatedAt:u})")
                : "  inbound cursor: nothing applied yet");
            foreach (var w in report.Watermarks.Where(w => w.RealmId == realm.RealmId))
            {
                var (state, text) = RetentionHeadroom.Assess(w.Version, w.MinValidVersion, w.CurrentVersion, w.Age, report.Retention, warningFraction);
                var lag = w.CurrentVersion is { } current ? Invariant($"lag {current - w.Version}") : "lag unknown";
                var warning = state is not (HeadroomState.Ok or HeadroomState.Unknown);
                var flag = warning ? "WARNING " : "";
                warnings += warning ? 1 : 0;
                output.WriteLine(Invariant($"  {flag}table {Sql.SqlIdentifier.Quote(w.SqlSchema, w.SqlTable)}: watermark {w.Version}, {lag}; {text}"));
            }

            output.WriteLine(report.Outbox.TryGetValue(realm.RealmId, out var o)
                ? Invariant($"  outbox: {o.Unshipped} unshipped, oldest {TimeSpan.FromSeconds(o.OldestAgeSeconds):c} old")
                : "  outbox: nothing unshipped");
            if (report.DeadLetters.TryGetValue(realm.RealmId, out var d))
            {
                warnings++;
                output.WriteLine(Invariant($"  WARNING dead letters: {d.Count} (latest {d.Latest:u}); see realmsync.DeadLetter"));
            }
            else
            {
                output.WriteLine("  dead letters: none");
            }

            output.WriteLine(report.Conflicts.TryGetValue(realm.RealmId, out var c)
                ? Invariant($"  conflicts: {c.Count} (latest {c.Latest:u}); see realmsync.Conflict")
                : "  conflicts: none");
        }

        return warnings;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
