using System.Text.Json;
using Connector.Adapter;
using Connector.RealmSchema;
using Connector.SqlServer.Sql;
using Connector.Tests.Cli;

namespace Connector.Tests.RealmCore;

/// <summary>
/// Class kinds and class names against realm-core itself: a file realm-core writes with embedded classes (in a
/// to-one link, a list and a dictionary) and classes whose names look like type expressions, read by
/// <c>inspect --instructions</c>, whose ADD_TYPEs must carry the kinds realm-core's dump gives, and whose output
/// <c>plan</c> accepts against the schema <c>inspect</c> prints.
/// </summary>
public sealed class RealmCoreSchemaTests : WorkFolderTest
{
    private const string Spec = """
        {"schema": [
          {"name": "Owner", "primaryKey": "id", "properties": {
            "id": "int",
            "home": "Address",
            "homes": "Address[]",
            "byName": "Address{}",
            "group": {"type": "object", "objectType": "Group By"},
            "quoted": {"type": "list", "objectType": "it's ]]; --"},
            "added": {"type": "dictionary", "objectType": "Added [x]", "optional": true}}},
          {"name": "Address", "embedded": true, "properties": {"city": "string", "corner": "Corner"}},
          {"name": "Corner", "embedded": true, "properties": {"label": "string"}},
          {"name": "Group By", "primaryKey": "key", "properties": {
            "key": "string",
            "owners": {"type": "linkingObjects", "objectType": "Owner", "property": "group"}}},
          {"name": "it's ]]; --", "properties": {"n": "int", "next": {"type": "object", "objectType": "Added [x]"}}},
          {"name": "Added [x]", "properties": {"label": "string"}}
        ],
        "objects": {
          "Group By": [{"key": "g1"}],
          "Added [x]": [{"label": "a"}],
          "it's ]]; --": [{"n": 1, "next": 0}, {"n": 2}],
          "Owner": [{"id": 1, "home": {"city": "Oslo", "corner": {"label": "NE"}}, "homes": [{"city": "Bergen"}, {"city": "Tromsø"}],
                     "byName": {"x": {"city": "Bodø"}}, "group": "g1", "quoted": [0, 1], "added": {"k": 0}}]
        }}
        """;

    [Test]
    public void ADD_TYPE_carries_the_kind_realm_core_gives_each_class()
    {
        var file = CreateFile();

        Assert.That(AddTypeKinds(file), Is.EqualTo(DumpedKinds(file)));
        Assert.That(AddTypeKinds(file).Where(k => k.Value == ClassKind.Embedded).Select(k => k.Key), Is.EquivalentTo(new[] { "Address", "Corner" }));
    }

    [Test]
    public void An_asymmetric_class_is_flagged_as_realm_core_dumps_it()
    {
        // realm-core creates asymmetric classes only with sync (the tool's README): a fixture written by realm-core's own test has one.
        RealmCoreTool.Require();
        var file = RepositoryPaths.RequireRealmFixture("core-asymmetric-22.realm");

        Assert.That(AddTypeKinds(file), Is.EqualTo(DumpedKinds(file)));
        Assert.That(AddTypeKinds(file), Does.ContainValue(ClassKind.Asymmetric));
    }

    [Test]
    public void The_instructions_link_to_classes_named_verbatim_and_plan_cleanly_against_the_inspected_schema()
    {
        var file = CreateFile();
        var schema = Path.Combine(Work, "schema.json");
        var instructions = Path.Combine(Work, "instructions.jsonl");
        File.WriteAllText(schema, CliRun.Of("inspect", "--realm-file", file).Output);
        Assert.That(CliRun.Of("inspect", "--realm-file", file, "--instructions", "--out", instructions).ExitCode, Is.Zero);

        var run = CliRun.Of("plan", "--realm-schema", schema, "--instructions", instructions, "--out", Work);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(TSqlScriptParser.Errors(File.ReadAllText(Path.Combine(Work, "plan.sql"))), Is.Empty);
        var owner = AddTypes(instructions).Single(a => a.ObjectType == "Owner");
        Assert.That(owner.Properties.Where(p => p.IsLink).Select(p => p.ObjectType),
            Is.EquivalentTo(new[] { "Address", "Address", "Address", "Group By", "it's ]]; --", "Added [x]" }));
    }

    private string CreateFile()
    {
        var file = Path.Combine(Work, "kinds.realm");
        RealmCoreTool.Create(Spec, file);
        return file;
    }

    private Dictionary<string, ClassKind> AddTypeKinds(string file)
    {
        var instructions = Path.Combine(Work, Path.GetFileNameWithoutExtension(file) + ".jsonl");
        var run = CliRun.Of("inspect", "--realm-file", file, "--instructions", "--out", instructions);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        return AddTypes(instructions).ToDictionary(a => a.ObjectType, a => a.Kind);
    }

    private static IEnumerable<AddTypeInstruction> AddTypes(string jsonl) =>
        File.ReadAllLines(jsonl).SelectMany(line => AdapterCodec.Decode(line).Instructions).OfType<AddTypeInstruction>();

    /// <summary>
    /// The kind of each class table: every table but the object store's bookkeeping ("metadata", "pk"); a file written by
    /// realm-core's own tests, not through the object store, has classes without the "class_" prefix.
    /// </summary>
    private static Dictionary<string, ClassKind> DumpedKinds(string file)
    {
        using var dump = RealmCoreTool.Dump(file);
        return dump.RootElement.GetProperty("tables").EnumerateArray()
            .Where(t => t.GetProperty("table").GetString() is not ("metadata" or "pk"))
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("tableType").GetString() switch
            {
                "Embedded" => ClassKind.Embedded,
                "TopLevelAsymmetric" => ClassKind.Asymmetric,
                "TopLevel" => ClassKind.TopLevel,
                var other => throw new InvalidOperationException($"unknown tableType {other}"),
            });
    }
}
