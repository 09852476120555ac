using System.Globalization;
using Connector.Adapter;
using Connector.Tests.Generators;
using Connector.Tests.Model;
using CsCheck;
using static Connector.Tests.Integration.Instructions;
using ApplyStep = Connector.Postgres.PgTransactionApplier.ApplyStep;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary>
/// Issue 10, section 4: a connector killed while applying a transaction to PostgreSQL (its session terminated, the
/// process gone) before the cursor moves, before commit, or after commit but before it noted its journal position,
/// applies that transaction exactly once after a restart that reads the journal from the start; a kill before
/// commit leaves nothing of it behind.
/// </summary>
[TestFixture]
[CancelAfter(600_000)]
public sealed class CrashSafetyTests
{
    /// <summary>
    /// After version 1 (the schema's ADD_TYPEs, as a Realm's first transaction has them), version 4 is the victim: a
    /// list insert and inserts, which a second application would duplicate or refuse.
    /// </summary>
    private static readonly string[][] SmallStream =
    [
        [InsertPerson(Ann, "Ann", """, "tags": ["a", "b"]"""), InsertDog("rex"), InsertDog("fido")],
        [List("LIST_INSERT", Ann, 0, "rex"), List("LIST_INSERT", Ann, 1, "fido"), Set("Dog", "\"rex\"", $$"""{"owner": {{Ann}}}""")],
        [Set("Person", Ann, """{"age": 31}"""), List("LIST_INSERT", Ann, 2, "rex"), InsertDog("spot", """, "born": ["date", 86400000]"""), InsertPerson(Bob, "Bob")],
        [Delete("Dog", "\"fido\""), Set("Dog", "\"spot\"", $$"""{"owner": {{Bob}}}""")],
        [InsertDog("max"), List("LIST_INSERT", Bob, 0, "max")],
    ];

    [Test]
    public async Task A_transaction_killed_at_any_step_is_applied_exactly_once_after_restart([Values] ApplyStep step)
    {
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync("crash");
        var schema = PgInboundHarness.Small;
        await using var harness = await PgInboundHarness.StartAsync(connectionString, schema, "/small");
        List<AdapterTransaction> transactions =
            [harness.SchemaTransaction(schema), .. SmallStream.Select((instructions, i) => harness.Transaction(i + 2, instructions))];

        await SimulatedCrash.CheckAsync(harness, transactions, crashVersion: 4, step);

        // Readable on its own: rex is in Ann's list twice (versions 3 and 4), once each, not three times.
        Assert.That(await harness.ScalarAsync("""SELECT count(*) FROM app."Person__dogs" WHERE "_target" = 'rex'"""), Is.EqualTo(2L));
        Assert.That(await harness.ScalarAsync("""SELECT count(*) FROM app."Dog" """), Is.EqualTo(3L));
    }

    /// <summary>Random valid streams (every type, null keys, refusals, schema growth), each killed at a random transaction and step.</summary>
    [Test]
    public async Task Random_streams_killed_at_a_random_transaction_and_step_end_as_the_model()
    {
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync("crash_random");
        var count = 0;
        var cases = Gen.Select(ValidStreams.For(ModelOptions.Postgres), Gen.Int[0, int.MaxValue], Gen.Enum<ApplyStep>(), (stream, pick, step) => (stream, pick, step));
        RandomRuns.Check(
            cases,
            c => RunAsync(connectionString, ++count, c.stream, c.pick, c.step).GetAwaiter().GetResult(),
            ciDefault: 8,
            print: c => $"killed at {c.step} of the applied transaction number {c.pick} (modulo their count) of:\n{c.stream}");
    }

    private static async Task RunAsync(string connectionString, int n, StreamCase stream, int pick, ApplyStep step)
    {
        var suffix = n.ToString(CultureInfo.InvariantCulture);
        await using var harness = await PgInboundHarness.StartAsync(connectionString, stream.InitialSchema, stream.RealmPath + "#" + suffix, "s" + suffix, "random stream");
        var transactions = stream.Transactions.Select(t => t with { RealmPath = harness.RealmPath }).ToList();
        var model = new RealmModel(ModelOptions.Postgres);
        var applied = transactions.Where(t => model.Apply(t).Status == ModelStatus.Applied).ToList();
        await SimulatedCrash.CheckAsync(harness, transactions, applied[pick % applied.Count].Version, step);
    }
}
