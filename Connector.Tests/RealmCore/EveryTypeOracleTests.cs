using Connector.Adapter;
using Connector.SqlServer.Sql;
using Connector.Tests.Cli;

namespace Connector.Tests.RealmCore;

/// <summary>
/// Every type in every position, in a file realm-core itself writes: values, optional values, lists, sets and
/// dictionaries, mixed (with a link), links to classes with and without a primary key, embedded objects in a link, a
/// list and a dictionary, dates before 1970 with nanoseconds, decimal128 extremes, 64-bit extremes, unicode and NUL
/// in strings, an enumerated string column. The reader and <c>inspect --instructions</c>, replayed, must equal
/// realm-core's <c>dump</c> of the file value for value, and <c>plan</c> must accept the stream.
/// </summary>
public sealed class EveryTypeOracleTests : WorkFolderTest
{
    private const string Spec = """
        {"schema": [
           {"name": "Target", "primaryKey": "code", "properties": {"code": "string", "n": "int?"}},
           {"name": "Loose", "properties": {"label": "string?"}},
           {"name": "Part", "embedded": true, "properties": {"name": "string", "weight": "double?", "tags": "string[]"}},
           {"name": "Everything", "primaryKey": "id", "properties": {
              "id": "int", "b": "bool", "ob": "bool?", "i": "int", "oi": "int?", "f": "float", "of": "float?", "d": "double", "od": "double?",
              "s": "string", "os": "string?", "bin": "data", "obin": "data?", "dt": "date", "odt": "date?", "dec": "decimal128", "odec": "decimal128?",
              "oid": "objectId", "ooid": "objectId?", "u": "uuid", "ou": "uuid?", "m": "mixed",
              "il": "int[]", "oil": "int?[]", "sl": "string[]", "bl": "bool[]", "dtl": "date[]", "binl": "data[]", "decl": "decimal128[]",
              "oidl": "objectId[]", "ul": "uuid[]", "ml": "mixed[]",
              "iset": "int<>", "sset": "string<>", "oidset": "objectId<>", "dtset": "date<>",
              "idict": "int{}", "sdict": "string?{}", "mdict": "mixed{}", "udict": "uuid{}",
              "target": "Target", "targets": "Target[]", "targetSet": "Target<>", "targetDict": "Target?{}",
              "loose": "Loose", "looseList": "Loose[]",
              "part": "Part", "parts": "Part[]", "partDict": "Part?{}"}}],
         "objects": {
           "Target": [{"code": "t1", "n": 1}, {"code": "Ünïcødé ✓", "n": null}, {"code": "", "n": -9223372036854775808}],
           "Loose": [{"label": "first"}, {"label": null}, {"label": "third"}],
           "Everything": [
             {"id": 9223372036854775807, "b": true, "ob": false, "i": -9223372036854775808, "oi": 9007199254740993, "f": 1.5, "of": -3.25,
              "d": 2.718281828459045, "od": 1e308, "s": "a\u0000b \"quoted\" ✓", "os": "", "bin": "AAECAwQ=", "obin": "",
              "dt": [-1, -500000000], "odt": [253402300799, 999999999], "dec": "-1E-18", "odec": "+1000000000000000000000000000000000E+6111",
              "oid": "5f1b2c3d4e5f60718293a4b5", "ooid": "000000000000000000000000", "u": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
              "ou": "00000000-0000-0000-0000-000000000000", "m": {"type": "string", "value": "date"},
              "il": [1, -1, 0], "oil": [null, 5], "sl": ["x", "", "ÿ"], "bl": [true, false], "dtl": [[-86400, 0], [0, 1]],
              "binl": ["", "/w=="], "decl": ["12.50", "0"], "oidl": ["ffffffffffffffffffffffff"], "ul": ["123e4567-e89b-12d3-a456-426614174000"],
              "ml": [{"type": "int", "value": 5}, null, {"type": "bool", "value": true}, {"type": "date", "value": [-1, -1]},
                     {"type": "objectId", "value": "5f1b2c3d4e5f60718293a4b5"}, {"type": "data", "value": "AQI="}],
              "iset": [3, 1, 2], "sset": ["b", "a"], "oidset": ["5f1b2c3d4e5f60718293a4b5"], "dtset": [[1, 0]],
              "idict": {"one": 1, "minus": -1}, "sdict": {"k": "v", "none": null, "spaced key": "x"},
              "mdict": {"n": {"type": "int", "value": 1}, "s": {"type": "string", "value": "s"}, "nil": null},
              "udict": {"u": "1b4e28ba-2fa1-11d2-883f-0016d3cca427"},
              "target": "t1", "targets": ["t1", "Ünïcødé ✓", "t1"], "targetSet": ["", "t1"], "targetDict": {"a": "t1", "none": null},
              "loose": 0, "looseList": [2, 0, 2],
              "part": {"name": "solo", "weight": 1.25, "tags": ["p", "q"]},
              "parts": [{"name": "one", "weight": null, "tags": []}, {"name": "two", "weight": 2.0, "tags": ["t"]}],
              "partDict": {"x": {"name": "ex", "weight": null, "tags": ["z"]}}},
             {"id": -1, "b": false, "i": 0, "f": 0.0, "d": 0.0, "s": "second", "bin": "", "dt": [-62135596800, 0], "dec": "0",
              "oid": "000000000000000000000001", "u": "ffffffff-ffff-ffff-ffff-ffffffffffff", "m": {"type": "link", "class": "Target", "value": "t1"}},
             {"id": 0, "b": true, "i": 1, "f": 1.0, "d": 1.0, "s": "second", "bin": "AA==", "dt": [0, 0], "dec": "1", "oid": "000000000000000000000002",
              "u": "00000000-0000-0000-0000-000000000001", "m": null, "target": "", "loose": 2}
           ]},
         "enumerateStringColumns": [["Everything", "s"]]}
        """;

    [Test]
    public void Inspect_instructions_replayed_equal_realm_cores_dump_value_for_value_in_every_class()
    {
        var file = Create();
        var replayer = RealmCoreOracle.Replay(Inspect(file, transactionSize: 7));
        using var dump = RealmCoreTool.Dump(file);
        var comparison = new RealmCoreComparison(dump);

        var differences = new[] { "Target", "Loose", "Part", "Everything" }.SelectMany(c => comparison.Differences(replayer, c)).ToList();

        Assert.That(differences, Is.Empty, string.Join("\n", differences));
        Assert.That(replayer.Objects["Part"], Has.Count.EqualTo(4), "every embedded object, in a link, a list and a dictionary");
    }

    [Test]
    public void The_enumerated_string_column_reads_as_its_strings()
    {
        var file = Create();
        using var dump = RealmCoreTool.Dump(file);
        var column = dump.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Everything")
            .GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "s");
        var replayer = RealmCoreOracle.Replay(Inspect(file, transactionSize: 1000));

        Assert.That(column.GetProperty("enumerated").GetBoolean(), Is.True, "realm-core stores the column enumerated");
        Assert.That(replayer.Objects["Everything"].Values.Select(o => ((StringValue)o["s"]).Value).Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { "a\u0000b \"quoted\" ✓", "second", "second" }));
    }

    [Test]
    public void Plan_names_the_one_value_sql_server_cannot_hold_and_its_sql_parses()
    {
        var file = Create();
        var instructions = Inspect(file, transactionSize: 1);
        var schema = Path.Combine(Work, "schema.json");
        File.WriteAllText(schema, CliRun.Of("inspect", "--realm-file", file).Output);

        var run = CliRun.Of("plan", "--realm-schema", schema, "--instructions", instructions, "--out", Work, "--on-bad-transaction", "skip");

        // The largest decimal128 does not fit decimal(38,18); everything else of every type is planned.
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.Error);
        Assert.That(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.Contain(".values.odec: decimal128 '1.000000000000000000000000000000000E+6144' does not fit decimal(38,18)"));
        Assert.That(TSqlScriptParser.Errors(File.ReadAllText(Path.Combine(Work, "plan.sql"))), Is.Empty);
    }

    [Test]
    public void The_comparison_finds_a_value_that_differs_and_names_it()
    {
        var file = Create();
        var replayer = RealmCoreOracle.Replay(Inspect(file, transactionSize: 1000));
        var other = Path.Combine(Work, "other.realm");
        RealmCoreTool.Create(Spec.Replace("\"code\": \"t1\", \"n\": 1}", "\"code\": \"t1\", \"n\": 2}", StringComparison.Ordinal), other);
        using var dump = RealmCoreTool.Dump(other);

        var differences = new RealmCoreComparison(dump).Differences(replayer, "Target");

        Assert.That(differences, Is.EqualTo(new[] { "Target string:t1, property 'n': realm-core int:2, replay int:1" }));
    }

    [Test]
    public void A_binary_of_the_largest_size_realm_core_allows_is_read_whole()
    {
        // 16,777,200 bytes: realm-core's limit per value (its README); one byte more is refused by realm-core itself.
        var bytes = new byte[16_777_200];
        new Random(20261201).NextBytes(bytes);
        var file = Path.Combine(Work, "blob.realm");
        RealmCoreTool.Create(
            $$$"""{"schema": [{"name": "Blob", "primaryKey": "id", "properties": {"id": "int", "bytes": "data"}}], "objects": {"Blob": [{"id": 1, "bytes": "{{{Convert.ToBase64String(bytes)}}}"}]}}""",
            file);

        var replayer = RealmCoreOracle.Replay(Inspect(file, transactionSize: 1000));

        var read = (DataValue)replayer.Objects["Blob"][new IntValue(1)]["bytes"];
        Assert.That(read.Bytes.Length, Is.EqualTo(bytes.Length));
        Assert.That(read.Bytes.Span.SequenceEqual(bytes), Is.True);
    }

    private string Create()
    {
        var file = Path.Combine(Work, "every-type.realm");
        RealmCoreTool.Create(Spec, file);
        return file;
    }

    private string Inspect(string file, int transactionSize) =>
        RealmCoreOracle.Inspect(file, Path.Combine(Work, Path.GetFileNameWithoutExtension(file) + ".jsonl"), transactionSize);
}
