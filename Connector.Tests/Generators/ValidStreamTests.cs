using Connector.Adapter;
using Connector.RealmSchema;
using Connector.Tests.Model;

namespace Connector.Tests.Generators;

/// <summary>The valid-stream generator: every stream applies to the Realm model whole, deterministically, covering the vocabulary.</summary>
public class ValidStreamTests
{
    [Test]
    public void Every_transaction_of_a_generated_stream_applies_to_the_realm_model()
    {
        var counts = new StreamCounts();
        RandomRuns.Check(ValidStreams.Realm, stream =>
        {
            counts.Add(stream);
            var model = new RealmModel(ModelOptions.Realm);
            foreach (var transaction in stream.Transactions)
            {
                var outcome = model.Apply(transaction);
                Assert.That(outcome.Status, Is.EqualTo(ModelStatus.Applied), $"version {transaction.Version}: {outcome}");
            }
        }, ciDefault: 200, print: s => s.ToString());
        counts.Print();
    }

    [TestCase("SqlServer")]
    [TestCase("Postgres")]
    public void Against_a_database_every_transaction_applies_or_is_refused_for_a_value_that_database_cannot_hold(string database)
    {
        var options = database == "SqlServer" ? ModelOptions.SqlServer : ModelOptions.Postgres;
        var counts = new StreamCounts();
        RandomRuns.Check(ValidStreams.For(options), stream =>
        {
            counts.Add(stream);
            var model = new RealmModel(options);
            foreach (var transaction in stream.Transactions)
            {
                var outcome = model.Apply(transaction);
                counts.Refused += outcome.Status == ModelStatus.Refused ? 1 : 0;
                Assert.That(outcome.Status == ModelStatus.Applied || IsValueLimit(outcome), $"version {transaction.Version}: {outcome}");
            }
        }, ciDefault: 100, print: s => s.ToString());
        counts.Print();
        Assert.That(counts.Refused, Is.GreaterThan(0).And.LessThan(counts.Transactions / 3), "refusals happen, and are rare");
    }

    [Test]
    public void The_same_seed_gives_the_same_cases()
    {
        var first = ValidStreams.Cases(5, 42);
        var again = ValidStreams.Cases(5, 42);
        var other = ValidStreams.Cases(5, 43);

        Assert.That(again.Select(c => c.ToString()), Is.EqualTo(first.Select(c => c.ToString())));
        Assert.That(other.Select(c => c.ToString()), Is.Not.EqualTo(first.Select(c => c.ToString())));
    }

    [Test]
    public void The_streams_cover_the_vocabulary_keys_embedded_objects_and_edge_values()
    {
        var cases = ValidStreams.Cases(300, 1);
        var instructions = cases.SelectMany(c => c.Transactions.Skip(1)).SelectMany(t => t.Instructions).ToList();
        var embedded = cases.SelectMany(c => c.InitialSchema.Classes).Where(c => c.Kind == ClassKind.Embedded).Select(c => c.Name).ToHashSet();
        var values = instructions.OfType<InsertInstruction>().SelectMany(i => i.Values.Entries).Concat(instructions.OfType<SetInstruction>().SelectMany(s => s.Values.Entries))
            .SelectMany(e => Flatten(e.Value)).ToList();

        Assert.That(instructions.Select(i => i.GetType().Name).Distinct(), Is.EquivalentTo(new[]
        {
            nameof(InsertInstruction), nameof(SetInstruction), nameof(DeleteInstruction), nameof(ClearInstruction), nameof(ListInsertInstruction),
            nameof(ListSetInstruction), nameof(ListEraseInstruction), nameof(ListClearInstruction), nameof(ChangeIdentityInstruction),
            nameof(SwapIdentityInstruction), nameof(AddPropertiesInstruction), nameof(AddTypeInstruction),
        }));
        Assert.That(instructions.OfType<InsertInstruction>().Any(i => i.Identity is NullValue), Is.True, "a null primary key");
        Assert.That(instructions.OfType<InsertInstruction>().Select(i => i.Identity.GetType()).Distinct().Count(), Is.EqualTo(5), "int, string, objectId, uuid keys and null");
        Assert.That(instructions.OfType<InsertInstruction>().Any(i => embedded.Contains(i.ObjectType)), Is.True, "an embedded object");
        Assert.That(instructions.OfType<AddPropertiesInstruction>().SelectMany(a => a.Properties).Any(p => !p.Optional && !p.IsLink), Is.True, "a required property added");
        Assert.That(values.OfType<DoubleValue>().Any(d => double.IsNaN(d.Value)) && values.OfType<FloatValue>().Any(f => float.IsInfinity(f.Value)), Is.True, "NaN and infinities");
        Assert.That(values.OfType<IntValue>().Select(i => i.Value), Is.SupersetOf(new[] { long.MinValue, long.MaxValue, (1L << 53) + 1 }));
        Assert.That(values.OfType<StringValue>().Any(s => s.Value.Any(char.IsSurrogate)) && values.OfType<StringValue>().Any(s => s.Value.Length == 0), Is.True, "astral and empty strings");
        Assert.That(values.OfType<TimestampValue>().Any(t => t.Seconds < 0 && t.Nanoseconds < 0), Is.True, "a negative date with nanoseconds");
        Assert.That(values.OfType<LinkValue>().Any() && values.OfType<ListValue>().Any(l => l.InMixed && l.Items.Any(i => i is DictionaryValue { InMixed: true })), Is.True, "links and nesting in mixed");
        Assert.That(values.OfType<Decimal128Value>().Any(d => !ModelValueLimits.FitsDecimal38x18(d.Text)), Is.True, "a decimal beyond decimal(38,18)");
    }

    internal static bool IsValueLimit(ModelOutcome outcome) =>
        outcome.Status == ModelStatus.Refused && outcome.Reason is { } reason &&
        (reason.Contains("cannot be stored", StringComparison.Ordinal) || reason.Contains("characters is longer than", StringComparison.Ordinal));

    private static IEnumerable<RealmValue> Flatten(RealmValue value) => value switch
    {
        ListValue list => list.Items.SelectMany(Flatten).Prepend(value),
        DictionaryValue dictionary => dictionary.Entries.SelectMany(e => Flatten(e.Value)).Prepend(value),
        LinkValue link => [value, link.Identity],
        _ => [value],
    };
}

/// <summary>The figures the note asks for: streams, transactions and instructions a random test generated.</summary>
internal sealed class StreamCounts
{
    public int Streams { get; private set; }

    public int Transactions { get; private set; }

    public int Instructions { get; private set; }

    public int Refused { get; set; }

    public void Add(StreamCase stream)
    {
        Streams++;
        Transactions += stream.Transactions.Length;
        Instructions += stream.InstructionCount;
    }

    public void Print() => TestContext.Out.WriteLine(
        $"{Streams} streams, {Transactions} transactions, {Instructions} instructions generated; {Refused} transactions refused by the target's model");
}
