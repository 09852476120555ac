using Connector.Metrics;
using Connector.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connector.Tests.Metrics;

/// <summary>The instruments record exactly what the passes report, through the same <see cref="PassRunner"/> the jobs use.</summary>
public sealed class ConnectorMetricsTests
{
    private static readonly DateTimeOffset Noon = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task An_inbound_pass_counts_transactions_instructions_dead_letters_and_conflicts_per_Realm_path()
    {
        using var harness = new Harness();
        var (runner, values) = (harness.Runner, harness.Values);
        var result = new PassResult(5, 0, [], [])
        {
            Paths =
            [
                new RealmPathCounts("/a") { Applied = 3, Instructions = 17, DeadLetters = 1, Conflicts = 2 },
                new RealmPathCounts("/b") { Applied = 2, Instructions = 4 },
            ],
        };

        await runner.RunAsync(PassKind.Inbound, _ => ValueTask.FromResult(result), CancellationToken.None);
        await runner.RunAsync(PassKind.Inbound, _ => ValueTask.FromResult(result), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(values.Sum("realmsync.inbound.transactions", "/a"), Is.EqualTo(6));
            Assert.That(values.Sum("realmsync.inbound.instructions", "/a"), Is.EqualTo(34));
            Assert.That(values.Sum("realmsync.dead_letters", "/a"), Is.EqualTo(2));
            Assert.That(values.Sum("realmsync.conflicts", "/a"), Is.EqualTo(4));
            Assert.That(values.Sum("realmsync.inbound.transactions", "/b"), Is.EqualTo(4));
            Assert.That(values.Sum("realmsync.inbound.instructions", "/b"), Is.EqualTo(8));
            Assert.That(values.Sum("realmsync.dead_letters", "/b"), Is.Zero);
            Assert.That(values.Sum("realmsync.inbound.transactions", null), Is.Zero, "no untagged count when the pass gives per-path counts");
            Assert.That(values.Sum("realmsync.outbox.transactions", "/a"), Is.Zero);
            Assert.That(values.Count("realmsync.pass.duration", (ConnectorMetrics.PassTag, "inbound"), (ConnectorMetrics.OutcomeTag, "ok")), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task The_backlog_grows_with_what_capture_writes_and_a_ship_pass_empties_it()
    {
        using var harness = new Harness();
        var (runner, values) = (harness.Runner, harness.Values);
        await Pass(runner, PassKind.Poll, new RealmPathCounts("/a") { OutboxTransactions = 3, OutboxInstructions = 30 }, new RealmPathCounts("/b") { OutboxTransactions = 1, OutboxInstructions = 2 });
        await Pass(runner, PassKind.Poll, new RealmPathCounts("/a") { OutboxTransactions = 2, OutboxInstructions = 5 });

        Assert.That(values.Gauge("realmsync.outbox.backlog"), Is.EqualTo(new Dictionary<string, double> { ["/a"] = 5, ["/b"] = 1 }));
        Assert.That(values.Sum("realmsync.outbox.transactions", "/a"), Is.EqualTo(5));
        Assert.That(values.Sum("realmsync.outbox.instructions", "/a"), Is.EqualTo(35));

        await Pass(runner, PassKind.Ship, new RealmPathCounts("/a") { Shipped = 5 });

        Assert.That(values.Gauge("realmsync.outbox.backlog"), Is.EqualTo(new Dictionary<string, double> { ["/a"] = 0, ["/b"] = 1 }));
        Assert.That(values.Sum("realmsync.shipped.transactions", "/a"), Is.EqualTo(5));

        await Pass(runner, PassKind.Poll, new RealmPathCounts("/b") { OutboxTransactions = 1, OutboxBacklog = 7 });

        Assert.That(values.Gauge("realmsync.outbox.backlog")["/b"], Is.EqualTo(7), "a count the pass read replaces the estimate");
    }

    [Test]
    public async Task The_capture_lag_is_the_time_since_the_start_of_the_last_pass_that_captured_the_path()
    {
        using var harness = new Harness();
        var (runner, values, time) = (harness.Runner, harness.Values, harness.Time);
        Assert.That(values.Gauge("realmsync.capture.lag"), Is.Empty, "nothing captured yet: no value rather than a made-up one");

        await Pass(runner, PassKind.Poll, new RealmPathCounts("/a") { Captured = true }, new RealmPathCounts("/b") { Captured = true });
        time.Now = Noon.AddSeconds(30);
        await Pass(runner, PassKind.Poll, new RealmPathCounts("/a") { Captured = true }, new RealmPathCounts("/b") { Captured = false });
        time.Now = Noon.AddSeconds(42.5);

        Assert.That(values.Gauge("realmsync.capture.lag"), Is.EqualTo(new Dictionary<string, double> { ["/a"] = 12.5, ["/b"] = 42.5 }));
    }

    [Test]
    public async Task A_pass_without_per_path_counts_is_counted_by_its_totals_untagged()
    {
        using var harness = new Harness();
        var (runner, values) = (harness.Runner, harness.Values);

        await runner.RunAsync(PassKind.Poll, _ => ValueTask.FromResult(new PassResult(4, 40, [], [])), CancellationToken.None);
        Assert.That(values.Gauge("realmsync.outbox.backlog"), Is.EqualTo(new Dictionary<string, double> { [""] = 4 }));
        await runner.RunAsync(PassKind.Ship, _ => ValueTask.FromResult(new PassResult(4, 0, [], [])), CancellationToken.None);
        await runner.RunAsync(PassKind.Inbound, _ => ValueTask.FromResult(new PassResult(2, 0, [], [])), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(values.Sum("realmsync.outbox.transactions", null), Is.EqualTo(4));
            Assert.That(values.Sum("realmsync.outbox.instructions", null), Is.EqualTo(40));
            Assert.That(values.Sum("realmsync.shipped.transactions", null), Is.EqualTo(4));
            Assert.That(values.Sum("realmsync.inbound.transactions", null), Is.EqualTo(2));
            Assert.That(values.Gauge("realmsync.outbox.backlog"), Is.EqualTo(new Dictionary<string, double> { [""] = 0 }));
            Assert.That(values.Gauge("realmsync.capture.lag"), Is.Empty, "a pass that does not say it captured a path leaves the lag unknown");
        });
    }

    [Test]
    public void A_failing_pass_is_timed_as_failed_counts_nothing_and_still_throws()
    {
        using var harness = new Harness();
        var (runner, values) = (harness.Runner, harness.Values);

        Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await runner.RunAsync(PassKind.Ship, _ => throw new InvalidOperationException("journal unwritable"), CancellationToken.None));

        Assert.That(values.Count("realmsync.pass.duration", (ConnectorMetrics.PassTag, "ship"), (ConnectorMetrics.OutcomeTag, "failed")), Is.EqualTo(1));
        Assert.That(values.Count("realmsync.shipped.transactions"), Is.Zero);
    }

    [Test]
    public void A_capture_stream_moves_the_lag_forward_only()
    {
        var time = new ManualTime(Noon);
        using var meters = new TestMeters(time);
        var metrics = meters.Metrics;
        using var values = new MeasuredValues(metrics.Meter);

        metrics.RecordCapture("/a", Noon.AddSeconds(-3));
        metrics.RecordCapture("/a", Noon.AddSeconds(-9));

        Assert.That(values.Gauge("realmsync.capture.lag"), Is.EqualTo(new Dictionary<string, double> { ["/a"] = 3 }));
    }

    private static async Task Pass(PassRunner runner, PassKind kind, params RealmPathCounts[] paths) =>
        await runner.RunAsync(kind, _ => ValueTask.FromResult(PassResult.Empty with { Paths = paths }), CancellationToken.None);

    /// <summary>A pass runner on a meter of its own, a listener on that meter, and the clock both read.</summary>
    private sealed class Harness : IDisposable
    {
        public Harness()
        {
            Time = new ManualTime(Noon);
            Meters = new TestMeters(Time);
            Values = new MeasuredValues(Meters.Metrics.Meter);
            Runner = new PassRunner(NullLogger<PassRunner>.Instance, Meters.Metrics, Time);
        }

        public TestMeters Meters { get; }

        public PassRunner Runner { get; }

        public MeasuredValues Values { get; }

        public ManualTime Time { get; }

        public void Dispose()
        {
            Values.Dispose();
            Meters.Dispose();
        }
    }
}
