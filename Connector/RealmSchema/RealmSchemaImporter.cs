using System.Text.Json;
namespace Connector.RealmSchema;
// Interim importer (shorthand properties only), replaced by the full importer from the adapter branch.
public static class RealmSchemaImporter
{
    public static RealmSchemaModel Import(string json, string sourceName)
    {
        using var doc = JsonDocument.Parse(json);
        var classes = new List<RealmClass>();
        foreach (var c in doc.RootElement.EnumerateArray())
        {
            var props = new List<RealmProperty>();
            foreach (var p in c.GetProperty("properties").EnumerateObject())
            {
                var t = p.Value.GetString()!;
                var coll = t.EndsWith("[]", StringComparison.Ordinal) ? CollectionKind.List : t.EndsWith("<>", StringComparison.Ordinal) ? CollectionKind.Set : t.EndsWith("{}", StringComparison.Ordinal) ? CollectionKind.Dictionary : CollectionKind.None;
                if (coll != CollectionKind.None) t = t[..^2];
                var opt = t.EndsWith('?'); if (opt) t = t[..^1];
                var prim = RealmTypeNames.TryPrimitive(t);
                props.Add(new RealmProperty(p.Name, prim ?? RealmPropertyType.Object, coll, opt, prim is null ? t : null));
            }
            classes.Add(new RealmClass(c.GetProperty("name").GetString()!, [.. props], c.TryGetProperty("primaryKey", out var pk) ? pk.GetString() : null,
                c.TryGetProperty("embedded", out var e) && e.GetBoolean() ? ClassKind.Embedded : ClassKind.TopLevel));
        }
        return new RealmSchemaModel([.. classes]);
    }
}
