using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Connector.Adapter;
using Connector.Applier;
using Connector.RealmSchema;
using Connector.SchemaGeneration;

namespace Connector.Benchmarks;

/// <summary>
/// The inbound pipeline without the database: JSONL lines decoded, validated against the mapping, grouped and
/// turned into table-valued rows (TransactionPlanner), beside a plain JsonDocument parse of the same bytes.
/// 1,000 transactions of 10 instructions of the sample schema: 5 INSERTs of Person (strings, numbers, a date, a
/// list and a dictionary) then 5 SETs of Dog, as the Adapter sends a batch of changes (one object's SETs merged
/// into its INSERT).
/// </summary>
[MemoryDiagnoser]
public class InboundPipelineBenchmarks
{
    private const int Transactions = 1_000;
    private const int InstructionsPerTransaction = 10;
    private byte[][] _lines = [];
    private SchemaMapping _mapping = null!;
    private AdapterTransaction[] _decoded = [];

    [GlobalSetup]
    public void Setup()
    {
        var schema = RealmSchemaImporter.Import(File.ReadAllText(Path.Combine(BenchmarkPaths.Samples, "realm-schema.json")), "realm-schema.json");
        _mapping = SchemaMapper.Map(schema, "/default", "dbo");
        _lines = [.. Enumerable.Range(1, Transactions).Select(Line)];
        _decoded = [.. _lines.Select(l => AdapterCodec.Decode(l))];
    }

    [Benchmark(OperationsPerInvoke = Transactions * InstructionsPerTransaction)]
    public int DecodeOnly()
    {
        var total = 0;
        foreach (var line in _lines)
        {
            total += AdapterCodec.Decode(line).Instructions.Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Transactions * InstructionsPerTransaction)]
    public int PlanOnly()
    {
        var total = 0;
        foreach (var transaction in _decoded)
        {
            total += TransactionPlanner.Plan(transaction, _mapping).Calls.Length;
        }

        return total;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Transactions * InstructionsPerTransaction)]
    public int PlainJsonDocumentParse()
    {
        var total = 0;
        foreach (var line in _lines)
        {
            using var document = JsonDocument.Parse(line);
            total += document.RootElement.GetProperty("instructions").GetArrayLength();
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Transactions * InstructionsPerTransaction)]
    public int DecodeValidateGroupAndFillRows()
    {
        var total = 0;
        foreach (var line in _lines)
        {
            total += TransactionPlanner.Plan(AdapterCodec.Decode(line), _mapping).Calls.Length;
        }

        return total;
    }

    private static byte[] Line(int version)
    {
        var instructions = new List<string>();
        for (var i = 0; i < InstructionsPerTransaction / 2; i++)
        {
            var id = (version * 100) + i;
            var hex = id.ToString("x24", CultureInfo.InvariantCulture);
            var person = "{\"type\":\"INSERT\",\"object_type\":\"Person\",\"identity\":[\"objectId\",\"" + hex + "\"],\"values\":{\"_id\":[\"objectId\",\"" + hex +
                "\"],\"name\":\"Person " + id + "\",\"email\":\"p" + id + "@example.com\",\"age\":" + (id % 90) + ",\"height\":1." + (id % 100) +
                ",\"isAdmin\":false,\"born\":[\"date\"," + (id * 1000L) + "],\"nicknames\":[\"a\",\"b\",\"c\"],\"settings\":{\"theme\":\"dark\"}}}";
            instructions.Insert(i, person);
            instructions.Add("{\"type\":\"SET\",\"object_type\":\"Dog\",\"identity\":\"dog-" + id + "\",\"values\":{\"breed\":\"Collie " + id + "\"}}");
        }

        return Encoding.UTF8.GetBytes("{\"realm_path\":\"/default\",\"version\":" + version + ",\"instructions\":[" + string.Join(",", instructions) + "]}");
    }
}
