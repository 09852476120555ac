using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Connector.RealmSchema;

/// <summary>Writes a schema as realm-js's <c>realm.schema</c> JSON, which <see cref="RealmSchemaImporter"/> reads back.</summary>
public static class RealmSchemaWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // The output is a file for people and tools, never embedded in HTML: keep non-ASCII names readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(RealmSchemaModel schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            foreach (var realmClass in schema.Classes)
            {
                WriteClass(writer, realmClass);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes one property as an object in <paramref name="shape"/>; shared with the Adapter codec.</summary>
    public static void WriteProperty(Utf8JsonWriter writer, RealmProperty property, PropertyJsonShape shape)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(property);
        var element = property.Type is RealmPropertyType.Object or RealmPropertyType.LinkingObjects
            ? property.ObjectType
            : RealmTypeNames.Name(property.Type);
        var type = property.Collection switch
        {
            CollectionKind.List => "list",
            CollectionKind.Set => "set",
            CollectionKind.Dictionary => "dictionary",
            _ => RealmTypeNames.Name(property.Type),
        };

        writer.WriteStartObject();
        writer.WriteString("type", type);
        if (type != element && element is not null)
        {
            writer.WriteString(shape == PropertyJsonShape.Adapter ? "object_type" : "objectType", element);
        }

        writer.WriteBoolean(shape == PropertyJsonShape.Adapter ? "nullable" : "optional", property.Optional);
        if (shape == PropertyJsonShape.RealmJs || property.Indexed)
        {
            writer.WriteBoolean("indexed", property.Indexed);
        }

        if (property.LinkOriginProperty is { } origin)
        {
            writer.WriteString("property", origin);
        }

        writer.WriteEndObject();
    }

    private static void WriteClass(Utf8JsonWriter writer, RealmClass realmClass)
    {
        writer.WriteStartObject();
        writer.WriteString("name", realmClass.Name);
        if (realmClass.PrimaryKey is { } primaryKey)
        {
            writer.WriteString("primaryKey", primaryKey);
        }

        if (realmClass.Kind != ClassKind.TopLevel)
        {
            writer.WriteBoolean(realmClass.Kind == ClassKind.Embedded ? "embedded" : "asymmetric", true);
        }

        writer.WriteStartObject("properties");
        foreach (var property in realmClass.Properties)
        {
            writer.WritePropertyName(property.Name);
            WriteProperty(writer, property, PropertyJsonShape.RealmJs);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
