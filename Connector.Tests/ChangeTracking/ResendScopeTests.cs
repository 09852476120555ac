using Connector.Adapter;
using Connector.Catalog;
using Connector.ChangeTracking;
using Connector.RealmSchema;
using Connector.SchemaGeneration;

namespace Connector.Tests.ChangeTracking;

/// <summary>
/// What a resend sends whole: the named classes and, because CLEAR drops the links to the objects it clears, every
/// class linking to one of them, transitively; the refusals of an unknown path or class; the per-class tally.
/// </summary>
public class ResendScopeTests
{
    // Owner links to Pet (a list), Walk links to Owner, Pet links nowhere, Note is alone, Tagged has a set of Pet.
    private const string Schema = """
        [
          { "name": "Pet", "primaryKey": "name", "properties": { "name": "string", "born": "date?" } },
          { "name": "Owner", "primaryKey": "id", "properties": { "id": "int", "pets": "Pet[]", "tags": "string<>" } },
          { "name": "Walk", "primaryKey": "id", "properties": { "id": "int", "owner": "Owner" } },
          { "name": "Note", "primaryKey": "id", "properties": { "id": "int", "text": "string?" } },
          { "name": "Tagged", "primaryKey": "id", "properties": { "id": "int", "pets": "Pet<>" } }
        ]
        """;

    private static readonly SchemaMapping Mapping = SchemaMapper.Map(RealmSchemaImporter.Import(Schema, "resend.json"), "/pets", "app");

    [Test]
    public void A_class_goes_whole_with_every_class_linking_to_it_transitively_and_no_other()
    {
        var scope = ResendScope.Resolve(Mapping, ["Pet"]);

        Assert.That(scope.Classes, Is.EqualTo(new[] { "Pet" }));
        Assert.That(scope.Reasons([]), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["Pet"] = ResendScope.Requested,
            ["Owner"] = ResendScope.Linking,
            ["Tagged"] = ResendScope.Linking,
            ["Walk"] = ResendScope.Linking,
        }));
    }

    [Test]
    public void A_class_nothing_links_to_goes_whole_alone()
    {
        Assert.That(ResendScope.Resolve(Mapping, ["Walk"]).Reasons([]).Keys, Is.EquivalentTo(new[] { "Walk" }));
        Assert.That(ResendScope.Resolve(Mapping, ["Note"]).Reasons([]).Keys, Is.EquivalentTo(new[] { "Note" }));
    }

    [Test]
    public void No_class_named_means_every_class_of_the_path()
    {
        var scope = ResendScope.Resolve(Mapping, []);

        Assert.That(scope.Classes, Is.EquivalentTo(new[] { "Pet", "Owner", "Walk", "Note", "Tagged" }));
        Assert.That(scope.Tables, Is.EquivalentTo(Mapping.Classes.Select(c => c.Table)));
        Assert.That(scope.Reasons([]).Values, Is.All.EqualTo(ResendScope.Requested));
    }

    [Test]
    public void A_table_behind_the_change_history_adds_its_class_and_the_classes_linking_to_it_with_that_reason()
    {
        var owner = Mapping.Classes.Single(c => c.Class.Name == "Owner");
        var tags = owner.Properties.Single(p => p.Property.Name == "tags").ChildTable!;

        var reasons = ResendScope.Resolve(Mapping, ["Note"]).Reasons([tags]);

        Assert.That(reasons, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["Note"] = ResendScope.Requested,
            ["Owner"] = ResendScope.Behind,
            ["Walk"] = ResendScope.Linking,
        }));
    }

    [Test]
    public void The_tables_forced_whole_are_the_named_classes_own_tables_and_the_pass_adds_the_linking_ones()
    {
        var scope = ResendScope.Resolve(Mapping, ["Owner", "Owner"]);

        Assert.That(scope.Tables, Is.EquivalentTo(new[] { "Owner" }));
        Assert.That(ReloadScope.Classes(Mapping, scope.Tables), Is.EquivalentTo(new[] { "Owner", "Walk" }));
    }

    [Test]
    public void An_unknown_class_is_refused_with_exit_2_naming_the_paths_classes()
    {
        var e = Assert.Throws<ConnectorException>(() => ResendScope.Resolve(Mapping, ["pet", "Pet", "Cat"]))!;

        Assert.That(e.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(e.Message, Is.EqualTo(
            "--class 'pet', 'Cat': Realm path '/pets' has no such class (names are case-sensitive); its classes are: 'Note', 'Owner', 'Pet', 'Tagged', 'Walk'."));
    }

    [Test]
    public void An_unknown_path_is_refused_with_exit_2_naming_the_mapped_paths()
    {
        MappedRealm[] realms = [new(1, "/pets", "app"), new(2, "/sql-first", "legacy")];

        var e = Assert.Throws<ConnectorException>(() => ResendScope.FindRealm(realms, "/Pets"))!;
        var none = Assert.Throws<ConnectorException>(() => ResendScope.FindRealm([], "/pets"))!;

        Assert.That((e.ExitCode, none.ExitCode), Is.EqualTo((ExitCodes.Usage, ExitCodes.Usage)));
        Assert.That(e.Message, Is.EqualTo("--realm-path '/Pets' is not mapped in the catalog; the mapped paths are: '/pets', '/sql-first'."));
        Assert.That(none.Message, Does.StartWith("--realm-path '/pets': no Realm path is mapped in the catalog yet; deploy a schema first"));
        Assert.That(ResendScope.FindRealm(realms, "/sql-first"), Is.EqualTo(realms[1]));
    }

    [Test]
    public async Task The_tally_counts_each_classs_instructions_and_the_transactions_holding_them_in_mapping_order()
    {
        var scope = ResendScope.Resolve(Mapping, ["Walk"]);
        AdapterTransaction[] written =
        [
            new("/pets", 7, [new ClearInstruction("Walk"), Insert("Walk", 1), Insert("Walk", 2)]),
            new("/pets", 8, [Insert("Walk", 3), new DeleteInstruction("Note", new IntValue(4))]),
        ];

        var tally = await scope.TallyAsync(written.ToAsyncEnumerable(), scope.Reasons([]), CancellationToken.None);

        Assert.That(tally, Is.EqualTo(new[]
        {
            new ClassResend("Walk", ResendScope.Requested, 2, 4),
            new ClassResend("Note", null, 1, 1),
        }));
    }

    private static InsertInstruction Insert(string type, long id) => new(type, new IntValue(id), DeltaRows.Values(("id", new IntValue(id))));
}
