using System.Collections.Immutable;
using System.Globalization;
using Connector.Adapter;
using Connector.RealmFile;
using Connector.RealmSchema;
using Connector.Tests.Cli;
using Connector.Tests.RealmFile;

namespace Connector.Tests.InitialLoad;

/// <summary>
/// The round trip that matters: <c>inspect --instructions</c> on every fixture, decoded and replayed into an empty
/// in-memory Realm, gives back exactly the objects the reader reads (links compared by the target's identity).
/// </summary>
public sealed class InitialLoadReplayTests : WorkFolderTest
{
    private const int TransactionSize = 7;

    [TestCaseSource(typeof(RealmFixtures), nameof(RealmFixtures.All))]
    public void Replayed_instructions_give_back_every_object(string fixture)
    {
        var file = RepositoryPaths.RequireRealmFixture(fixture);
        var output = Path.Combine(Work, "load.jsonl");

        var run = CliRun.Of("inspect", "--realm-file", file, "--instructions", "--transaction-size", $"{TransactionSize}", "--realm-path", "/app", "--out", output);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Output, Is.Empty, "results go to --out");
        var replayer = new InstructionReplayer();
        var transactions = ReadTransactions(output);
        foreach (var transaction in transactions)
        {
            replayer.Apply(transaction);
        }

        Assert.That(transactions.Select(t => t.Version), Is.EqualTo(Enumerable.Range(1, transactions.Count).Select(v => (long)v)));
        Assert.That(transactions.Select(t => t.RealmPath), Is.All.EqualTo("/app"));
        Assert.That(transactions.SkipLast(1).Select(t => t.Instructions.Length), Is.All.EqualTo(TransactionSize));
        using var reader = RealmFileReader.Open(file);
        var expected = Expected(reader);
        foreach (var realmClass in reader.Schema.Classes)
        {
            var actual = replayer.Objects[realmClass.Name].Keys.Select(identity => Render(identity, replayer.Values(realmClass.Name, identity)));
            Assert.That(actual, Is.EquivalentTo(expected[realmClass.Name]), realmClass.Name);
        }

        TestContext.Out.WriteLine($"{fixture}: {expected.Values.Sum(o => o.Count)} objects of {expected.Count} classes replayed from {transactions.Count} transactions.");
    }

    [Test]
    public void Links_to_deleted_objects_are_dropped_and_counted()
    {
        var run = CliRun.Of("inspect", "--realm-file", RepositoryPaths.RequireRealmFixture("core-upgrade-20.realm"), "--instructions");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Error, Does.Contain("warning: 2 links to deleted objects (tombstones) were dropped"));
        Assert.That(AdapterCodec.ReadJsonl(new StringReader(run.Output)).SelectMany(t => t.Instructions).OfType<ObjectInstruction>()
            .Any(i => i.Identity is StringValue { Value: "eric" }), Is.False, "nothing names the deleted object");
    }

    [Test]
    public void Embedded_objects_are_inserted_with_an_identity_from_their_object_key()
    {
        var run = CliRun.Of("inspect", "--realm-file", RepositoryPaths.RequireRealmFixture("dotnet-guids-24.realm"), "--instructions");

        var inserts = AdapterCodec.ReadJsonl(new StringReader(run.Output)).SelectMany(t => t.Instructions).OfType<InsertInstruction>()
            .Where(i => i.ObjectType == "EmbeddedGuidType").ToList();
        Assert.That(inserts, Is.Not.Empty);
        Assert.That(inserts.Select(i => i.Identity), Is.All.InstanceOf<StringValue>().And.All.Matches<StringValue>(v => v.Value.StartsWith("{objkey-", StringComparison.Ordinal)));
    }

    [Test]
    public void Progress_counts_objects_per_class_on_stderr()
    {
        var run = CliRun.Of("inspect", "--realm-file", RepositoryPaths.RequireRealmFixture("js-parents-22.realm"), "--instructions", "--transaction-size", "10");

        Assert.That(run.Error, Is.EqualTo("Child: 6 objects\nParent: 5 objects\n11 objects of 2 classes: 29 instructions in 3 transactions.\n"));
        Assert.That(AdapterCodec.ReadJsonl(new StringReader(run.Output)).Select(t => t.Instructions.Length), Is.EqualTo(new[] { 10, 10, 9 }));
    }

    /// <summary>What the reader reads, links replaced by the target's identity, independently of the code under test.</summary>
    internal static Dictionary<string, List<string>> Expected(RealmFileReader reader)
    {
        var expected = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var realmClass in reader.Schema.Classes)
        {
            var keyIndex = realmClass.PrimaryKeyProperty is { } key ? realmClass.Properties.IndexOf(key) : -1;
            expected[realmClass.Name] = reader.ReadObjects(realmClass.Name).Select(o => Render(
                keyIndex >= 0 ? o.Values[keyIndex] : new StringValue($"{{objkey-{o.ObjKey.ToString(CultureInfo.InvariantCulture)}}}"),
                realmClass.Properties.Select((p, i) => (p, i)).Where(x => x.p.Type != RealmPropertyType.LinkingObjects)
                    .Select(x => KeyValuePair.Create(x.p.Name, Resolve(reader, o.Values[x.i], x.p.Type == RealmPropertyType.Mixed)))
                    .ToImmutableArray()))
                .ToList();
        }

        return expected;
    }

    private static RealmValue Resolve(RealmFileReader reader, RealmValue value, bool mixed) => value switch
    {
        ObjectLinkValue link => Identity(reader, link) is { } identity ? (mixed ? new LinkValue(link.TargetClass, identity) : identity) : RealmValue.Null,
        ListValue list => new ListValue(list.Items
            .Where(item => item is not ObjectLinkValue link || Identity(reader, link) is not null)
            .Select(item => Resolve(reader, item, mixed)).ToImmutableArray()),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Entries.Select(e => KeyValuePair.Create(e.Key, Resolve(reader, e.Value, mixed))).ToImmutableArray()),
        _ => value,
    };

    private static RealmValue? Identity(RealmFileReader reader, ObjectLinkValue link)
    {
        if (link.Unresolved)
        {
            return null;
        }

        if (reader.Schema.Find(link.TargetClass)!.PrimaryKey is null)
        {
            return new StringValue($"{{objkey-{link.ObjKey.ToString(CultureInfo.InvariantCulture)}}}");
        }

        return reader.TryResolvePrimaryKey(link.TargetClass, link.ObjKey, out var key) ? key : null;
    }

    /// <summary>
    /// An object as one line of Adapter JSON. Comparing the JSON compares what the protocol can carry: a float inside
    /// Mixed travels as a JSON number and comes back as a double, with the same text.
    /// </summary>
    internal static string Render(RealmValue identity, ImmutableArray<KeyValuePair<string, RealmValue>> values) =>
        AdapterValueWriter.ToJson(identity) + " " + AdapterValueWriter.ToJson(new DictionaryValue(values));

    private static List<AdapterTransaction> ReadTransactions(string path)
    {
        using var stream = File.OpenRead(path);
        return AdapterCodec.ReadJsonl(stream, requireFinalNewline: true).ToList();
    }
}
