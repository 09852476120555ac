using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.RealmSchema;
using Connector.Tests.Cli;
using Connector.Tests.Configuration;
using Connector.Tests.Model;
using Connector.Tests.Postgres.EndToEnd;
using Connector.Tests.SchemaGeneration;
using static Connector.Tests.ChangeTracking.DeltaRows;

namespace Connector.Tests.Integration;

/// <summary>
/// Tier 3, <c>resend</c> on SQL Server: what it queues, shipped and replayed on the model of a Realm, gives the
/// tables' state, whether the Realm is re-seeded (it holds stale objects and has seen none of the stream) or has
/// followed the stream all along (the resend sits between incremental passes and nothing is lost or sent twice);
/// a resend of some classes leaves the others alone; the command line against a real catalog. Skipped, with the
/// reason, when there is no SQL Server.
/// </summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class ResendIntegrationTests
{
    private const string AnnKey = "0x5F0000000000000000000001";
    private const string BobKey = "0x5F0000000000000000000002";

    /// <summary>People with a list of dogs and a set of tags, dogs with owners, written in plain SQL.</summary>
    private const string Rows =
        $"INSERT INTO [app].[Person] ([_id], [name], [age]) VALUES ({AnnKey}, N'Ann', 41), ({BobKey}, N'Bob', NULL);\n" +
        $"INSERT INTO [app].[Dog] ([name], [born], [owner]) VALUES (N'rex', '1970-01-02', {AnnKey}), (N'fido', NULL, NULL), (N'spot', NULL, {BobKey});\n" +
        $"INSERT INTO [app].[Person__dogs] ([_owner], [_position], [_target]) VALUES ({AnnKey}, 0, N'rex'), ({AnnKey}, 1, N'fido'), ({AnnKey}, 2, N'rex'), ({BobKey}, 0, N'spot');\n" +
        $"INSERT INTO [app].[Person__tags] ([_owner], [_position], [_value]) VALUES ({AnnKey}, 0, N'a'), ({AnnKey}, 1, N'b'), ({BobKey}, 0, N'b');";

    [Test]
    public async Task A_resend_of_every_class_replayed_on_a_reseeded_realm_and_on_one_that_followed_the_stream_gives_the_tables_state(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        await harness.ExecuteAsync(Rows, cancellationToken);
        await harness.PollAsync(cancellationToken);
        // Changed after the last poll: the resend carries it (whole), and the next poll must not send it again.
        await harness.ExecuteAsync($"UPDATE [app].[Dog] SET [born] = NULL WHERE [name] = N'rex'; DELETE FROM [app].[Person__tags] WHERE [_owner] = {BobKey};", cancellationToken);

        var resend = await harness.ResendAsync(cancellationToken);
        // Changed after the resend: only the incremental stream carries these.
        await harness.ExecuteAsync(
            $"INSERT INTO [app].[Dog] ([name]) VALUES (N'max'); UPDATE [app].[Person] SET [age] = 42 WHERE [_id] = {AnnKey}; " +
            $"DELETE FROM [app].[Person__dogs] WHERE [_owner] = {BobKey}; UPDATE [app].[Dog] SET [owner] = NULL WHERE [name] = N'spot'; DELETE FROM [app].[Person] WHERE [_id] = {BobKey};",
            cancellationToken);
        var after = await harness.PollAsync(cancellationToken);
        await harness.ShipAsync(cancellationToken);

        Assert.That(resend.Pass.Reloads, Is.Empty, "no table fell behind the change history");
        Assert.That(resend.Classes.Select(c => (c.Class, c.Reason)), Is.EquivalentTo(new[] { ("Person", ResendScope.Requested), ("Dog", ResendScope.Requested) }));
        Assert.That(resend.Classes.Sum(c => c.Instructions), Is.EqualTo(resend.Pass.Instructions));
        Assert.That(after.Transactions, Is.EqualTo(1));
        var outbound = harness.Outbound();
        var first = outbound.Single(t => t.Version == resend.Pass.FirstVersion);
        Assert.That(first.Instructions.Take(2), Is.EqualTo(new Instruction[] { new ClearInstruction("Dog"), new ClearInstruction("Person") }));
        var later = outbound.Where(t => t.Version >= resend.Pass.FirstVersion + resend.Pass.Transactions).SelectMany(t => t.Instructions).ToList();
        Assert.That(later.OfType<ClearInstruction>(), Is.Empty);
        Assert.That(later.OfType<ObjectInstruction>().Select(i => (i.ObjectType, i.Identity)), Does.Not.Contain(("Dog", (RealmValue)new StringValue("rex"))),
            "rex changed before the resend: the resend carried it, the next poll does not send it again");
        Assert.That(later.OfType<ObjectInstruction>().Select(i => (i.ObjectType, i.Identity)), Does.Contain(("Dog", (RealmValue)new StringValue("max"))));

        var tables = await TablesAsync(harness, cancellationToken);
        var reseeded = Replay(outbound, resend.Pass.FirstVersion - 1, Stale);
        var following = Replay(outbound, 0);
        Assert.That(StateTexts.FromModel(reseeded, Canon.Tick), Is.EqualTo(tables), "a re-seeded Realm with stale objects");
        Assert.That(StateTexts.FromModel(following, Canon.Tick), Is.EqualTo(tables), "a Realm that applied every transaction since version 1");
        Assert.That(tables, Has.Count.EqualTo(5), "Ann and four dogs");
    }

    [Test]
    public async Task A_resend_of_one_class_sends_it_and_the_classes_linking_to_it_whole_and_only_the_changes_of_the_others(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(WithNotes(), "small.json + Note", cancellationToken);
        await harness.ExecuteAsync(Rows + "\nINSERT INTO [app].[Note] ([id], [text]) VALUES (1, N'one'), (2, N'two');", cancellationToken);
        await harness.PollAsync(cancellationToken);
        await harness.ExecuteAsync("UPDATE [app].[Note] SET [text] = N'uno' WHERE [id] = 1; UPDATE [app].[Dog] SET [born] = NULL WHERE [name] = N'rex';", cancellationToken);

        var notes = await harness.ResendAsync(cancellationToken, "Note");
        await harness.ShipAsync(cancellationToken);
        var tables = await TablesAsync(harness, cancellationToken);
        var afterNotes = StateTexts.FromModel(Replay(harness.Outbound(), 0, StaleWithNote, WithNotes()), Canon.Tick);

        Assert.That(notes.Classes, Is.EqualTo(new[] { new ClassResend("Dog", null, 1, 1), new ClassResend("Note", ResendScope.Requested, 1, 3) }),
            "Note whole (CLEAR and two INSERTs); Dog only its change since the last poll; Person unchanged, not sent");
        // A Realm that followed the stream and holds stale objects of every class: the stale Note is gone, the others stay.
        Assert.That(tables.Except(afterNotes), Is.Empty);
        Assert.That(afterNotes.Except(tables).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]),
            Is.EquivalentTo(new[] { "Person 5f0000000000000000000009", "Dog \"ghost\"" }));

        var dogs = await harness.ResendAsync(cancellationToken, "Dog");
        await harness.ShipAsync(cancellationToken);

        // Person's list links to Dog, so a resend of Dog clears and re-sends Person too.
        Assert.That(dogs.Classes.Select(c => (c.Class, c.Reason)), Is.EquivalentTo(new[] { ("Person", ResendScope.Linking), ("Dog", ResendScope.Requested) }));
        Assert.That(harness.Outbound().SelectMany(t => t.Instructions).OfType<ClearInstruction>().Select(c => c.ObjectType), Is.EqualTo(new[] { "Note", "Dog", "Person" }));
        Assert.That(StateTexts.FromModel(Replay(harness.Outbound(), 0, StaleWithNote, WithNotes()), Canon.Tick), Is.EqualTo(tables), "nothing changed in SQL since");
    }

    [Test]
    public async Task The_command_line_resends_and_reports_and_refuses_an_unknown_path_or_class_naming_the_known_ones(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        await harness.ExecuteAsync(Rows, cancellationToken);
        var folder = Directory.CreateTempSubdirectory("resend-cli-").FullName;
        try
        {
            var config = ConfigFiles.Write(folder, c =>
            {
                c["SqlServer"]!["ConnectionString"] = harness.Database.ConnectionString;
                c["Realm"]!["JournalPath"] = Directory.CreateDirectory(Path.Combine(folder, "journal")).FullName;
            });

            var path = CliRun.Of("resend", "--realm-path", "/big", "--config", config);
            var type = CliRun.Of("resend", "--realm-path", "/small", "--class", "Dog", "--class", "Cat", "--config", config);
            var run = CliRun.Of("resend", "--realm-path", "/small", "--class", "Dog", "--config", config);

            Assert.That((path.ExitCode, path.Error.TrimEnd()), Is.EqualTo((ExitCodes.Usage, "error: --realm-path '/big' is not mapped in the catalog; the mapped paths are: '/small'.")));
            Assert.That((type.ExitCode, type.Error.TrimEnd()), Is.EqualTo((ExitCodes.Usage,
                "error: --class 'Cat': Realm path '/small' has no such class (names are case-sensitive); its classes are: 'Dog', 'Person'.")));
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(await harness.UnshippedAsync(cancellationToken), Is.EqualTo(1));
            Assert.That(run.Output.ReplaceLineEndings("\n"), Does.Match(
                @"^Realm path '/small': queued outbox version 1: 1 transaction\(s\), \d+ instruction\(s\)\.\n" +
                @"  Person: re-sent whole \(links to a re-sent class \(CLEAR dropped those links in Realm\)\): \d+ instruction\(s\) in 1 transaction\(s\)\n" +
                @"  Dog: re-sent whole \(requested\): 4 instruction\(s\) in 1 transaction\(s\)\n" +
                @"'sync', or the running service \('run'\), ships them to the journal\.\n$"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Objects SQL never had, in a Realm that has to be re-seeded: a resend's CLEAR must remove them.</summary>
    private static readonly Instruction[] Stale =
    [
        new InsertInstruction("Person", new ObjectIdValue("5f0000000000000000000009"), Values(("_id", new ObjectIdValue("5f0000000000000000000009")), ("name", new StringValue("Stale")))),
        new InsertInstruction("Dog", new StringValue("ghost"), Values(("name", new StringValue("ghost")), ("owner", new ObjectIdValue("5f0000000000000000000009")))),
    ];

    private static readonly Instruction[] StaleWithNote =
        [.. Stale, new InsertInstruction("Note", new IntValue(9), Values(("id", new IntValue(9)), ("text", new StringValue("stale"))))];

    /// <summary>
    /// A Realm that holds the schema and <paramref name="stale"/> at version <paramref name="seededAt"/>, then applies every
    /// outbound transaction after it in order (the model skips those at or below it, as Realm does); each must apply.
    /// </summary>
    private static RealmModel Replay(IReadOnlyList<AdapterTransaction> outbound, long seededAt, Instruction[]? stale = null, RealmSchemaModel? schema = null)
    {
        var model = new RealmModel(ModelOptions.SqlServer);
        var seed = (schema ?? Small()).Classes.Select(c => (Instruction)AddTypeInstruction.Of(c)).Concat(stale ?? []);
        Assert.That(model.Apply(new AdapterTransaction(ApplierHarness.RealmPath, seededAt, [.. seed])).Status, Is.EqualTo(ModelStatus.Applied));
        foreach (var transaction in outbound.Where(t => t.Version > seededAt))
        {
            var outcome = model.Apply(transaction);
            Assert.That(outcome.Status, Is.EqualTo(ModelStatus.Applied), $"version {transaction.Version}: {outcome}");
        }

        return model;
    }

    private static async Task<SortedSet<string>> TablesAsync(PollerHarness harness, CancellationToken cancellationToken)
    {
        await using var connection = await harness.Database.OpenAsync(cancellationToken);
        return await SqlServerStateTexts.FromDatabaseAsync(connection, ApplierHarness.RealmPath, cancellationToken);
    }

    private static RealmSchemaModel Small() => SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "small.json");

    /// <summary>The small schema and a class Note that nothing links to.</summary>
    private static RealmSchemaModel WithNotes() =>
        Small() with { Classes = [.. Small().Classes, RealmSchemaImporter.Import("""[{ "name": "Note", "primaryKey": "id", "properties": { "id": "int", "text": "string?" } }]""", "note.json").Classes[0]] };
}
