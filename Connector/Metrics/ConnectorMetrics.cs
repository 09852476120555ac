using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Connector.Scheduling;

namespace Connector.Metrics;

/// <summary>
/// The connector's OpenTelemetry instruments, all on the meter <see cref="MeterName"/>, recorded from the pass
/// results the scheduling layer receives (<see cref="PassRunner"/>), so that every database gets them from one
/// piece of code. Tags carry the Realm path only, never a connection string. README.md (Operations, Metrics)
/// lists the names as Prometheus shows them.
/// </summary>
public sealed class ConnectorMetrics
{
    public const string MeterName = "RealmSqlServer";
    public const string RealmPathTag = "realm.path";
    public const string PassTag = "pass";
    public const string OutcomeTag = "outcome";

    /// <summary>Seconds: a pass takes milliseconds when idle and minutes on a large re-send (OpenTelemetry's default buckets are milliseconds').</summary>
    private static readonly double[] PassDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    /// <summary>The key of the totals of a pass that reports no per-path counts: measured without a Realm path tag.</summary>
    private const string NoPath = "";

    private readonly TimeProvider _time;
    private readonly Counter<long> _applied;
    private readonly Counter<long> _instructions;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _outboxTransactions;
    private readonly Counter<long> _outboxInstructions;
    private readonly Counter<long> _shipped;
    private readonly Histogram<double> _passDuration;
    private readonly ConcurrentDictionary<string, long> _backlog = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _captured = new(StringComparer.Ordinal);

    public ConnectorMetrics(IMeterFactory meters, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time ?? TimeProvider.System;
        Meter = meters.Create(MeterName);
        _applied = Meter.CreateCounter<long>("realmsync.inbound.transactions", "{transaction}", "Realm transactions applied to the database");
        _instructions = Meter.CreateCounter<long>("realmsync.inbound.instructions", "{instruction}", "Instructions of the Realm transactions applied (their rate is instructions per second)");
        _deadLetters = Meter.CreateCounter<long>("realmsync.dead_letters", "{dead_letter}", "Rows written to realmsync.DeadLetter: bad transactions and objects left out");
        _conflicts = Meter.CreateCounter<long>("realmsync.conflicts", "{conflict}", "Conflicts resolved by Sync:ConflictPolicy (realmsync.Conflict)");
        _outboxTransactions = Meter.CreateCounter<long>("realmsync.outbox.transactions", "{transaction}", "Outbound transactions written to the outbox by change capture");
        _outboxInstructions = Meter.CreateCounter<long>("realmsync.outbox.instructions", "{instruction}", "Instructions of the outbound transactions written to the outbox");
        _shipped = Meter.CreateCounter<long>("realmsync.shipped.transactions", "{transaction}", "Outbox transactions written to the outbound journal");
        _passDuration = Meter.CreateHistogram<double>("realmsync.pass.duration", "s", "How long each pass took, by pass and outcome", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = PassDurationBuckets });
        Meter.CreateObservableGauge("realmsync.outbox.backlog", ObserveBacklog, "{transaction}",
            "Outbox transactions not yet shipped: what capture wrote since the last ship pass, or what the last pass read");
        Meter.CreateObservableGauge("realmsync.capture.lag", ObserveLag, "s",
            "Seconds since the start of the last capture pass that read every change of the Realm path");
    }

    /// <summary>The meter of this instance (the host's <see cref="IMeterFactory"/> owns and disposes it).</summary>
    public Meter Meter { get; }

    /// <summary>Counts what a pass that started at <paramref name="started"/> reported.</summary>
    public void Record(PassKind kind, PassResult result, DateTimeOffset started)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Paths.Count > 0)
        {
            foreach (var path in result.Paths)
            {
                RecordPath(kind, path, started);
            }

            return;
        }

        // A pass without per-path counts: its totals, untagged (PassResult.Rows is the poll pass's instructions).
        RecordPath(kind, kind switch
        {
            PassKind.Inbound => new RealmPathCounts(NoPath) { Applied = result.Transactions },
            PassKind.Poll => new RealmPathCounts(NoPath) { OutboxTransactions = result.Transactions, OutboxInstructions = result.Rows },
            _ => new RealmPathCounts(NoPath) { Shipped = result.Transactions },
        }, started);
        if (kind == PassKind.Ship)
        {
            // A ship pass that ends without an error has drained every served path's outbox.
            foreach (var key in _backlog.Keys)
            {
                _backlog[key] = 0;
            }
        }
    }

    /// <summary>How long a pass took, tagged with the pass and whether it ended in an error.</summary>
    public void RecordPassDuration(PassKind kind, TimeSpan elapsed, bool failed) =>
        _passDuration.Record(elapsed.TotalSeconds, new(PassTag, kind.ToString().ToLowerInvariant()), new(OutcomeTag, failed ? "failed" : "ok"));

    /// <summary>
    /// For a capture that is not a pass (a replication stream): every change committed before <paramref name="upTo"/>
    /// is in the outbox. Earlier moments than the one recorded are ignored.
    /// </summary>
    public void RecordCapture(string realmPath, DateTimeOffset upTo) =>
        _captured.AddOrUpdate(realmPath, upTo, (_, known) => known > upTo ? known : upTo);

    private void RecordPath(PassKind kind, RealmPathCounts counts, DateTimeOffset started)
    {
        var tags = Tags(counts.RealmPath);
        switch (kind)
        {
            case PassKind.Inbound:
                _applied.Add(counts.Applied, tags);
                _instructions.Add(counts.Instructions, tags);
                _deadLetters.Add(counts.DeadLetters, tags);
                _conflicts.Add(counts.Conflicts, tags);
                break;
            case PassKind.Poll:
                _outboxTransactions.Add(counts.OutboxTransactions, tags);
                _outboxInstructions.Add(counts.OutboxInstructions, tags);
                _backlog.AddOrUpdate(counts.RealmPath, counts.OutboxTransactions, (_, known) => known + counts.OutboxTransactions);
                break;
            case PassKind.Ship:
                _shipped.Add(counts.Shipped, tags);
                _backlog[counts.RealmPath] = 0;
                break;
        }

        if (counts.OutboxBacklog is { } exact)
        {
            _backlog[counts.RealmPath] = exact;
        }

        if (counts.Captured)
        {
            RecordCapture(counts.RealmPath, started);
        }
    }

    private IEnumerable<Measurement<long>> ObserveBacklog() =>
        _backlog.Select(p => new Measurement<long>(p.Value, Tags(p.Key)));

    private IEnumerable<Measurement<double>> ObserveLag()
    {
        var now = _time.GetUtcNow();
        return _captured.Select(p => new Measurement<double>(Math.Max(0, (now - p.Value).TotalSeconds), Tags(p.Key)));
    }

    private static KeyValuePair<string, object?>[] Tags(string realmPath) =>
        realmPath == NoPath ? [] : [new(RealmPathTag, realmPath)];
}
