using System.Data;
using System.Data.Common;
using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.RealmSchema;
using Connector.SchemaGeneration;

namespace Connector.Tests.ChangeTracking;

/// <summary>Rows in the shapes of <see cref="ClassRow"/> and <see cref="CollectionRow"/>, as a real <see cref="DbDataReader"/> (DataTableReader).</summary>
public static class DeltaRows
{
    public static readonly byte[] OurContext = "realm-sqlserver"u8.ToArray();

    public const string Schema = """
        [
          {"name": "Person", "primaryKey": "name", "properties": {"name": "string", "age": "int?", "best": "Dog", "friend": "Person", "dogs": "Dog[]", "tags": "string[]", "scores": "int{}"}},
          {"name": "Dog", "primaryKey": "id", "properties": {"id": "int", "owner": "Person", "kennel": "Kennel"}},
          {"name": "Kennel", "primaryKey": "id", "properties": {"id": "uuid", "city": "string"}},
          {"name": "Every", "primaryKey": "_id", "properties": {"_id": "objectId", "b": "bool", "i": "int", "f": "float", "d": "double", "s": "string?", "bin": "data", "dt": "date", "dec": "decimal128", "u": "uuid", "m": "mixed"}},
          {"name": "Note", "properties": {"text": "string"}}
        ]
        """;

    public static SchemaMapping Mapping { get; } = SchemaMapper.Map(RealmSchemaImporter.Import(Schema, "test"), "/r", "app");

    public static ClassMapping Class(string name) => Mapping.Classes.First(c => c.Class.Name == name);

    public static DeltaConverter Converter() => new(Mapping, OurContext);

    /// <summary>A class row: operation, context, key, then the table's columns by name (absent ones null; <paramref name="gone"/>: all null).</summary>
    public static object?[] Row(string className, string operation, object key, object? values = null, byte[]? context = null, bool gone = false)
    {
        var mapping = Class(className);
        var table = Mapping.Tables.First(t => t.Name == mapping.Table);
        var given = values?.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(values)) ?? [];
        var row = new List<object?> { 1L, operation, context, key };
        foreach (var column in table.Columns)
        {
            row.Add(gone ? null : column.Name == mapping.KeyColumn ? key : given.GetValueOrDefault(column.Name));
        }

        return [.. row];
    }

    public static DbDataReader Reader(params object?[][] rows)
    {
        var table = new DataTable();
        for (var i = 0; i < rows.Max(r => r.Length); i++)
        {
            table.Columns.Add("c" + i, typeof(object));
        }

        foreach (var row in rows)
        {
            table.Rows.Add([.. row.Select(v => v ?? DBNull.Value)]);
        }

        return table.CreateDataReader();
    }

    public static List<Instruction> Convert(DeltaConverter converter, string className, DeltaPhase phase, params object?[][] rows)
    {
        var output = new List<Instruction>();
        using var reader = Reader(rows);
        while (reader.Read())
        {
            converter.ConvertClassRow(Class(className), reader, phase, output);
        }

        return output;
    }

    public static List<Instruction> Collection(DeltaConverter converter, string className, string property, params object?[][] rows)
    {
        var output = new List<Instruction>();
        var mapping = Class(className);
        var collection = converter.Collection(mapping, mapping.Properties.First(p => p.Property.Name == property));
        using var reader = Reader(rows);
        while (reader.Read())
        {
            collection.Add(reader, output);
        }

        collection.Complete(output);
        return output;
    }

    public static PropertyValues Values(params (string Name, RealmValue Value)[] entries) =>
        new([.. entries.Select(e => KeyValuePair.Create(e.Name, e.Value))]);
}
