using System.Text.Json;
using Connector.Adapter;
using Connector.SqlServer.Sql;
using Connector.Tests.Cli;
using static Connector.Tests.RealmCore.RealmCoreOracle;

namespace Connector.Tests.RealmCore;

/// <summary>
/// Lists and dictionaries nested in mixed (file format 24), in a file realm-core writes: <c>inspect --instructions</c>
/// tags them at every depth, replayed they equal realm-core's <c>dump</c> value for value (a list of "date" and 5
/// stays a list), and <c>plan</c> turns the stream into SQL that parses.
/// </summary>
public sealed class NestedMixedOracleTests : WorkFolderTest
{
    private const string Spec = """
        {"schema": [
           {"name": "Dog", "primaryKey": "name", "properties": {"name": "string"}},
           {"name": "Probe", "primaryKey": "id", "properties": {"id": "int", "m": "mixed", "ml": "mixed[]", "md": "mixed{}"}}],
         "objects": {"Dog": [{"name": "Rex"}], "Probe": [
           {"id": 1,
            "m": {"type": "list", "value": [{"type": "string", "value": "date"}, {"type": "int", "value": 5}]},
            "ml": [{"type": "list", "value": ["date", 5, {"type": "dictionary", "value": {
                     "a": {"type": "list", "value": [1, "x"]}, "d": {"type": "date", "value": [-1, -500000000]}}}]},
                   "plain", {"type": "dictionary", "value": {}}],
            "md": {"k": {"type": "dictionary", "value": {"l": {"type": "list", "value": [
                     {"type": "link", "class": "Dog", "value": "Rex"}, {"type": "double", "value": "NaN"},
                     {"type": "float", "value": "-Infinity"}]}}},
                   "e": {"type": "list", "value": []}}},
           {"id": 2,
            "m": {"type": "dictionary", "value": {"type": "list", "x": {"type": "list", "value": [
                     {"type": "decimal128", "value": "1.5"}, {"type": "objectId", "value": "0123456789abcdef01234567"},
                     {"type": "uuid", "value": "00000000-0000-0000-0000-000000000001"}, {"type": "data", "value": "AP8="},
                     {"type": "bool", "value": true}, null, {"type": "list", "value": ["list", {"type": "list", "value": []}]}]}}},
            "ml": [], "md": {}}
        ]}}
        """;

    private static readonly string[] Properties = ["m", "ml", "md"];

    [Test]
    public void Inspect_exports_nested_collections_in_mixed_as_realm_core_reads_them()
    {
        var (file, instructions) = Inspect(transactionSize: 1000);
        var replayer = Replay(instructions);

        var dumped = RealmCoreTool.DumpObjects(file, "Probe");
        Assert.That(dumped, Has.Count.EqualTo(2));
        foreach (var expected in dumped)
        {
            var id = expected.GetProperty("id").GetInt64();
            var actual = replayer.Values("Probe", new IntValue(id)).ToDictionary(p => p.Key, p => Normalize(p.Value), StringComparer.Ordinal);
            foreach (var name in Properties)
            {
                Assert.That(actual[name], Is.EqualTo(Dumped(expected.GetProperty(name), name)), $"Probe {id}, property '{name}'");
            }
        }
    }

    [Test]
    public void Inspect_writes_a_list_of_date_and_5_tagged_as_a_list()
    {
        var (_, instructions) = Inspect(transactionSize: 1000);

        Assert.That(File.ReadAllText(instructions), Does.Contain("\"m\":[\"list\",[\"date\",5]]"));
    }

    [Test]
    public void Plan_of_the_stream_succeeds_and_its_SQL_parses()
    {
        var (_, instructions) = Inspect(transactionSize: 1);
        var schema = Path.Combine(Work, "schema.json");
        File.WriteAllText(schema, CliRun.Of("inspect", "--realm-file", Path.Combine(Work, "probe.realm")).Output);

        var run = CliRun.Of("plan", "--realm-schema", schema, "--instructions", instructions, "--out", Work);
        var script = File.ReadAllText(Path.Combine(Work, "plan.sql"));

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(TSqlScriptParser.Errors(script), Is.Empty);
        Assert.That(script, Does.Contain("N'[\"list\",[\"date\",5]]'"), "the mixed column stores the tagged JSON text");
    }

    private (string File, string Instructions) Inspect(int transactionSize) => RealmCoreOracle.CreateAndInspect(Work, Spec, transactionSize);

    /// <summary>realm-core's dump of property <paramref name="name"/> (tool README, "Output of dump") in the same text.</summary>
    private static string Dumped(JsonElement dumped, string name) => name switch
    {
        "ml" => "[" + string.Join(",", dumped.EnumerateArray().Select(Mixed)) + "]",
        "md" => "{" + string.Join(",", dumped.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={Mixed(p.Value)}")) + "}",
        _ => Mixed(dumped),
    };

    private static string Mixed(JsonElement dumped)
    {
        if (dumped.ValueKind == JsonValueKind.Null)
        {
            return "null";
        }

        var value = dumped.GetProperty("value");
        return dumped.GetProperty("type").GetString() switch
        {
            "list" => "list[" + string.Join(",", value.EnumerateArray().Select(Mixed)) + "]",
            "dictionary" => "dictionary{" + string.Join(",", value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={Mixed(p.Value)}")) + "}",
            "link" => $"link:{dumped.GetProperty("class").GetString()}:string:{value.GetString()}",
            "int" => $"int:{value.GetInt64()}",
            "bool" => $"bool:{(value.GetBoolean() ? "true" : "false")}",
            "float" => Normalize(new FloatValue((float)Floating(value))),
            "double" => Normalize(new DoubleValue(Floating(value))),
            "date" => $"date:{value[0].GetInt64()},{value[1].GetInt32()}",
            var type => $"{type}:{value.GetString()}",
        };
    }
}
