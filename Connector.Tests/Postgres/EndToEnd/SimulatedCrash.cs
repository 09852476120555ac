using Connector.Adapter;
using Connector.Applier;
using Connector.Postgres;
using Connector.Tests.Model;
using ApplyStep = Connector.Postgres.PgTransactionApplier.ApplyStep;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary>The exception a <see cref="SimulatedCrash"/> ends its process with.</summary>
internal sealed class CrashException(string message) : Exception(message);

/// <summary>
/// A connector process that dies at one <see cref="ApplyStep"/> of one version: its database sessions are killed
/// (pg_terminate_backend, as a crash or a failover ends them), then it throws. Once dead it stays dead: any later
/// checkpoint throws too, so neither a retry nor the next transaction can commit in the dead process.
/// </summary>
internal sealed class SimulatedCrash(PgInboundHarness harness, long version, ApplyStep step)
{
    public bool Happened { get; private set; }

    public async Task AtAsync(ApplyStep at, AdapterTransaction transaction)
    {
        if (Happened)
        {
            throw new CrashException($"the process died at {step} of version {version}; it runs nothing more");
        }

        if (transaction.Version != version || at != step)
        {
            return;
        }

        Happened = true;
        var killed = await harness.KillApplierSessionsAsync();
        throw new CrashException($"killed at {step} of version {version} ({killed} session(s) terminated)");
    }

    /// <summary>
    /// The proof for one crash: <paramref name="transactions"/> in the journal, a first run killed at
    /// <paramref name="step"/> of <paramref name="crashVersion"/> (which the model applies) leaves exactly the state
    /// and cursor of the versions committed before it (and of it, after commit); a restarted runner reading the
    /// journal from the start then gives the model's final state, the last version as cursor, every version's dead
    /// letters once and applies each transaction that was not committed exactly once.
    /// </summary>
    public static async Task CheckAsync(PgInboundHarness harness, IReadOnlyList<AdapterTransaction> transactions, long crashVersion, ApplyStep step)
    {
        var outcomes = Outcomes(transactions);
        var victim = outcomes.Single(o => o.Version == crashVersion).Outcome;
        Assert.That(victim.Status, Is.EqualTo(ModelStatus.Applied), $"the crash must hit a transaction that applies: {victim}");
        foreach (var transaction in transactions)
        {
            harness.Append(transaction);
        }

        var options = new ApplierOptions(OnBadTransaction: BadTransactionPolicy.Skip);
        var crash = new SimulatedCrash(harness, crashVersion, step);
        Assert.That(async () => await harness.RunOnceAsync(options, crash.AtAsync), Throws.InstanceOf<CrashException>());
        Assert.That(crash.Happened, Is.True);

        var committed = step == ApplyStep.AfterCommit ? crashVersion : transactions.Where(t => t.Version < crashVersion).Select(t => t.Version).DefaultIfEmpty(0).Max();
        Assert.That(await harness.CursorAsync(), Is.EqualTo(committed), $"the cursor after a crash at {step} of version {crashVersion}");
        Assert.That(await harness.StateAsync(), Is.EqualTo(PgInboundHarness.ModelState(transactions, committed)),
            $"the state after a crash at {step} of version {crashVersion} is the model's after version {committed}");

        var restarted = await harness.RunOnceAsync(options);

        var last = transactions[^1].Version;
        var applied = outcomes.Count(o => o.Version > committed && o.Outcome.Status == ModelStatus.Applied);
        Assert.That((restarted.Status, restarted.Applied, restarted.Cursor), Is.EqualTo((InboundRunStatus.CaughtUp, applied, last)), restarted.Reason);
        Assert.That(await harness.CursorAsync(), Is.EqualTo(last));
        Assert.That(await harness.StateAsync(), Is.EqualTo(PgInboundHarness.ModelState(transactions)), "the state after the restart is the model's");
        var deadLetters = (await harness.DeadLettersAsync()).Select(r => (long)r[0]!).Order();
        var expected = outcomes.SelectMany(o => Enumerable.Repeat(o.Version, o.Outcome.Status == ModelStatus.Refused ? 1 : o.Outcome.LeftOut.Length));
        Assert.That(deadLetters, Is.EqualTo(expected.Order()), "each version's dead letters (refused transactions, null-keyed objects) once");
    }

    private static List<(long Version, ModelOutcome Outcome)> Outcomes(IEnumerable<AdapterTransaction> transactions)
    {
        var model = new RealmModel(ModelOptions.Postgres);
        return [.. transactions.Select(t => (t.Version, model.Apply(t)))];
    }
}
