using Connector.Scheduling;

namespace Connector.Applier;

/// <summary>
/// The inbound job's pass: every served Realm path's new journal transactions applied, in version order, and the
/// journal's new paths that a partitioned mapping's pattern matches (each registered by its first transaction).
/// </summary>
public sealed class InboundApplyPass(ServedRealms served, InboundApplier applier, Journal.JournalPaths journal) : IInboundPass
{
    public async ValueTask<PassResult> RunAsync(CancellationToken cancellationToken)
    {
        var (realms, warnings) = await served.ListInboundAsync(journal, cancellationToken);
        var allWarnings = warnings.ToList();
        var stopped = new List<string>();
        var applied = 0;
        var paths = new List<RealmPathCounts>();
        foreach (var realm in realms)
        {
            var result = await applier.RunOnceAsync(realm.RealmPath, realm, cancellationToken);
            applied += result.Applied;
            paths.Add(new RealmPathCounts(realm.RealmPath)
            {
                Applied = result.Applied, Instructions = result.Instructions, DeadLetters = result.DeadLettered + result.LeftOut, Conflicts = result.Conflicts,
            });
            if (result.DeadLettered > 0)
            {
                allWarnings.Add($"Realm path '{realm.RealmPath}': {result.DeadLettered} bad transaction(s) dead-lettered (realmsync.DeadLetter)");
            }

            if (result.LeftOut > 0)
            {
                allWarnings.Add($"Realm path '{realm.RealmPath}': {result.LeftOut} object(s) with a null primary key left out of applied transactions (realmsync.DeadLetter)");
            }

            if (result.Conflicts > 0)
            {
                allWarnings.Add($"Realm path '{realm.RealmPath}': {result.Conflicts} conflict(s) resolved by the conflict policy (realmsync.Conflict)");
            }

            if (result.Status == InboundRunStatus.RetryLater)
            {
                allWarnings.Add($"Realm path '{realm.RealmPath}': transient SQL errors outlasted the retries; the next pass takes version {result.Cursor + 1} up again ({result.Reason})");
            }
            else if (result.Status == InboundRunStatus.Stopped)
            {
                stopped.Add($"{realm.RealmPath} ({result.Reason})");
            }
        }

        return new PassResult(applied, 0, allWarnings, stopped) { Paths = paths };
    }
}
