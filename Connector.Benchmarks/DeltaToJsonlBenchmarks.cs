using System.Data;
using System.Data.SqlTypes;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.RealmSchema;
using Connector.SchemaGeneration;

namespace Connector.Benchmarks;

/// <summary>
/// The poller's CPU work: 10,000 changed rows of a 10-column table (in memory, in the CHANGETABLE row shape) to
/// outbound JSONL bytes (decode, instructions, transactions of 1,000, encode), beside plain System.Text.Json
/// serialization of the same rows as dictionaries. Per-operation times are per row (rows/s = 1e9 / ns).
/// </summary>
[MemoryDiagnoser]
// BenchmarkDotNet needs an unsealed class, and CA1063 would then want the full dispose pattern for a field that
// [GlobalCleanup] disposes; the table lives for the whole run.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "[GlobalCleanup] disposes the table")]
public class DeltaToJsonlBenchmarks
{
    private static readonly string[] RowShape = ["v", "op", "ctx", "key"];

    private const int Rows = 10_000;
    private const string Schema = """
        [{"name": "Order", "primaryKey": "id", "properties": {"id": "int", "paid": "bool", "quantity": "int", "weight": "double",
          "customer": "string", "placed": "date", "total": "decimal128", "reference": "uuid", "blob": "data", "note": "string?"}}]
        """;

    private SchemaMapping mapping = null!;
    private ClassMapping order = null!;
    private DataTable table = null!;
    private string[] names = [];

    [GlobalSetup]
    public void Setup()
    {
        mapping = SchemaMapper.Map(RealmSchemaImporter.Import(Schema, "bench"), "/bench", "dbo");
        order = mapping.Classes[0];
        var columns = mapping.Tables[0].Columns;
        names = [.. columns.Select(c => c.Name)];
        table = new DataTable();
        foreach (var name in RowShape.Concat(names))
        {
            table.Columns.Add(name, typeof(object));
        }

        for (var i = 0; i < Rows; i++)
        {
            table.Rows.Add(
                (long)i, i % 3 == 0 ? "I" : "U", DBNull.Value, (long)i,
                (long)i, i % 2 == 0, (long)(i * 7), i * 0.25, "customer " + i.ToString(CultureInfo.InvariantCulture),
                new DateTime(2024, 1, 1).AddSeconds(i), new SqlDecimal(i * 1.5m), Guid.NewGuid(), new byte[] { 1, 2, 3, (byte)i },
                i % 5 == 0 ? DBNull.Value : "note");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => table?.Dispose();

    [Benchmark(OperationsPerInvoke = Rows)]
    public long DeltaRowsToOutboundJsonl()
    {
        var converter = new DeltaConverter(mapping, "realm-sqlserver"u8.ToArray());
        var batcher = new OutboundBatcher("/bench", 1, new ChangeTrackingSource(0, Rows));
        var buffer = new List<Instruction>(Rows);
        using var reader = table.CreateDataReader();
        while (reader.Read())
        {
            converter.ConvertClassRow(order, reader, DeltaPhase.Upserts, buffer);
        }

        batcher.Add(buffer);
        batcher.Flush();
        using var output = new MemoryStream();
        AdapterCodec.WriteJsonl(output, batcher.Drain());
        return output.Length;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public long PlainJsonSerializerOfRowDictionaries()
    {
        using var output = new MemoryStream();
        using var reader = table.CreateDataReader();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(names.Length);
            for (var i = 0; i < names.Length; i++)
            {
                var value = reader.GetValue(ClassRow.FirstColumn + i);
                row[names[i]] = value is DBNull ? null : value is SqlDecimal d ? d.Value : value;
            }

            JsonSerializer.Serialize(output, row);
            output.WriteByte((byte)'\n');
        }

        return output.Length;
    }
}
