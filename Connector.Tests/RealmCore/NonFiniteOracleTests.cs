using System.Globalization;
using System.Text.Json;
using Connector.Adapter;
using Connector.SqlServer.Sql;
using Connector.Tests.Cli;
using static Connector.Tests.RealmCore.RealmCoreOracle;

namespace Connector.Tests.RealmCore;

/// <summary>
/// NaN, Infinity, -Infinity and -0.0 in every position a float or double takes, and decimal128 NaN and infinities,
/// in a file realm-core writes: <c>inspect --instructions</c> exports them all, replayed they equal realm-core's
/// <c>dump</c> value for value, and <c>plan</c> names the ones SQL Server cannot hold.
/// </summary>
public sealed class NonFiniteOracleTests : WorkFolderTest
{
    // Object 2's required double d is set to -0.0 but reads +0.0: realm-core skips a write equal to the default
    // (tool README, "-0.0"); the dump is the truth either way. Object 4 holds NaN only inside mixed.
    private const string Spec = """
        {"schema": [{"name": "Probe", "primaryKey": "id", "properties": {
           "id": "int", "f": "float", "d": "double", "od": "double?", "dl": "double[]", "fs": "float<>",
           "dd": "double{}", "m": "mixed", "ml": "mixed[]", "dec": "decimal128", "decs": "decimal128[]"}}],
         "objects": {"Probe": [
           {"id": 1, "f": "NaN", "d": "Infinity", "od": "-Infinity", "dl": ["NaN", "Infinity", "-Infinity", -0.0, 1.5],
            "fs": ["-Infinity", "NaN", 0.25, "Infinity"], "dd": {"a": "NaN", "b": -0.0, "c": "-Infinity"},
            "m": {"type": "double", "value": "NaN"},
            "ml": [{"type": "float", "value": "-Infinity"}, {"type": "double", "value": -0.0}, {"type": "double", "value": "Infinity"}],
            "dec": "NaN", "decs": ["Infinity", "-Infinity", "NaN", "12.50"]},
           {"id": 2, "f": "-Infinity", "d": "NaN", "od": -0.0, "m": {"type": "float", "value": "Infinity"}, "dec": "-Infinity"},
           {"id": 3, "f": 2.5, "d": -0.0, "od": null, "dl": [0.1], "fs": [-0.0], "dd": {"x": 3.0}, "m": 7, "ml": [null], "dec": "1.5"},
           {"id": 4, "f": 1.0, "d": 2.0, "m": {"type": "double", "value": "NaN"}, "ml": [{"type": "float", "value": "-Infinity"}], "dec": "0"}
        ]}}
        """;

    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["id"] = "int", ["f"] = "float", ["d"] = "double", ["od"] = "double", ["dl"] = "double", ["fs"] = "float",
        ["dd"] = "double", ["m"] = "mixed", ["ml"] = "mixed", ["dec"] = "decimal128", ["decs"] = "decimal128",
    };

    [Test]
    public void Inspect_exports_every_non_finite_value_as_realm_core_reads_it()
    {
        var (file, instructions) = Inspect(transactionSize: 1000);
        var replayer = Replay(instructions);

        var dumped = RealmCoreTool.DumpObjects(file, "Probe");
        Assert.That(dumped, Has.Count.EqualTo(4));
        foreach (var expected in dumped)
        {
            var id = expected.GetProperty("id").GetInt64();
            var actual = replayer.Values("Probe", new IntValue(id)).ToDictionary(p => p.Key, p => Normalize(p.Value), StringComparer.Ordinal);
            foreach (var (name, type) in Types)
            {
                Assert.That(actual[name], Is.EqualTo(Dumped(expected.GetProperty(name), type)), $"Probe {id}, property '{name}'");
            }
        }
    }

    [Test]
    public void Inspect_writes_NaN_and_infinities_in_the_protocols_tagged_form()
    {
        var (_, instructions) = Inspect(transactionSize: 1000);
        var text = File.ReadAllText(instructions);

        Assert.That(text, Does.Contain("\"f\":[\"float\",\"NaN\"],\"d\":[\"double\",\"Infinity\"],\"od\":[\"double\",\"-Infinity\"]," +
            "\"dl\":[[\"double\",\"NaN\"],[\"double\",\"Infinity\"],[\"double\",\"-Infinity\"],-0.0,1.5]"));
        Assert.That(text, Does.Contain("\"dec\":[\"decimal128\",\"NaN\"]"));
    }

    [Test]
    public void Plan_names_each_value_SQL_Server_cannot_hold_and_plans_the_rest()
    {
        var (_, instructions) = Inspect(transactionSize: 1);
        var schema = Path.Combine(Work, "schema.json");
        File.WriteAllText(schema, CliRun.Of("inspect", "--realm-file", Path.Combine(Work, "probe.realm")).Output);

        var run = CliRun.Of("plan", "--realm-schema", schema, "--instructions", instructions, "--out", Work, "--on-bad-transaction", "skip");
        var script = File.ReadAllText(Path.Combine(Work, "plan.sql"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.Error);
        Assert.That(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "error: line 2: version 2: $.instructions[0].values.f: class 'Probe', property 'f': NaN cannot be stored in SQL Server (real holds finite values only)",
            "error: line 3: version 3: $.instructions[0].values.f: class 'Probe', property 'f': -Infinity cannot be stored in SQL Server (real holds finite values only)",
        }));
        Assert.That(TSqlScriptParser.Errors(script), Is.Empty);
        Assert.That(script, Does.Contain("N'[\"double\",\"NaN\"]'"), "a NaN inside mixed is tagged JSON text, which the mixed column stores exactly");
    }

    private (string File, string Instructions) Inspect(int transactionSize) => RealmCoreOracle.CreateAndInspect(Work, Spec, transactionSize);

    /// <summary>realm-core's dump of a value of <paramref name="type"/> (tool README, "Output of dump") in the same text.</summary>
    private static string Dumped(JsonElement dumped, string type) => (dumped.ValueKind, type) switch
    {
        (JsonValueKind.Null, _) => "null",
        (JsonValueKind.Array, _) => "[" + string.Join(",", dumped.EnumerateArray().Select(e => Dumped(e, type))) + "]",
        (JsonValueKind.Object, "mixed") => Dumped(dumped.GetProperty("value"), dumped.GetProperty("type").GetString()!),
        (JsonValueKind.Object, _) => "{" + string.Join(",", dumped.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={Dumped(p.Value, type)}")) + "}",
        (_, "int") => $"int:{dumped.GetInt64()}",
        (_, "float") => Normalize(new FloatValue((float)Floating(dumped))),
        (_, "double") => Normalize(new DoubleValue(Floating(dumped))),
        (_, "decimal128") => "decimal128:" + dumped.GetString() switch { "Inf" => "Infinity", "-Inf" => "-Infinity", var text => text },
        _ => throw new AssertionException($"no comparison for a dumped {type}: {dumped}"),
    };
}
